window.YTD.account.part0 = [
  {
    "account": {
      "email": "maren@example.invalid",
      "createdVia": "web",
      "username": "maren_bakes",
      "accountId": "1600000000000000451",
      "createdAt": "2016-03-02T06:12:44.000Z",
      "accountDisplayName": "Maren Holt"
    }
  }
]
