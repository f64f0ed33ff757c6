window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000682622978048"
          ],
          "editableUntil" : "2023-08-23T13:41:57.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "17",
      "id_str" : "1500000682622978048",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "1500000682622978048",
      "created_at" : "Wed Aug 23 12:41:57 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "honey oat loaf is the most requested bread in the shop and it is the easiest one. don't tell anyone",
      "display_text_range" : [
        "0",
        "99"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000117440514826"
          ],
          "editableUntil" : "2023-02-09T01:26:34.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "1",
      "id_str" : "1500000117440514826",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "1500000117440514826",
      "created_at" : "Thu Feb 09 00:26:34 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "the secret ingredient is time. the second secret ingredient is more salt than you think",
      "display_text_range" : [
        "0",
        "87"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500001218445313786"
          ],
          "editableUntil" : "2024-02-25T22:56:12.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "20",
      "id_str" : "1500001218445313786",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1500001218445313786",
      "created_at" : "Sun Feb 25 21:56:12 +0000 2024",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "the apprentice's focaccia dimples are better than mine. I'm proud and slightly threatened",
      "display_text_range" : [
        "0",
        "89"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500001071644673276"
          ],
          "editableUntil" : "2024-01-05T09:14:13.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "30",
      "id_str" : "1500001071644673276",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500001071644673276",
      "created_at" : "Fri Jan 05 08:14:13 +0000 2024",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Pumpkin rolls for October. They look like tiny pumpkins. One looks like a tiny angry pumpkin. He's mine",
      "display_text_range" : [
        "0",
        "103"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000168820738018"
          ],
          "editableUntil" : "2023-02-26T14:23:24.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "1",
      "id_str" : "1500000168820738018",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500000168820738018",
      "created_at" : "Sun Feb 26 13:23:24 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "raining hard, shop smells like wet coats &amp; cinnamon. best smell in the world honestly",
      "display_text_range" : [
        "0",
        "89"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000623902723507"
          ],
          "editableUntil" : "2023-08-03T06:25:51.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "4",
      "id_str" : "1500000623902723507",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "1500000623902723507",
      "created_at" : "Thu Aug 03 05:25:51 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "flour prices up again. spreadsheet says raise prices, heart says no, the spreadsheet wins eventually",
      "display_text_range" : [
        "0",
        "100"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500001093664768859"
          ],
          "editableUntil" : "2024-01-13T05:06:58.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "4",
      "id_str" : "1500001093664768859",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "1500001093664768859",
      "created_at" : "Sat Jan 13 04:06:58 +0000 2024",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Mathematically, the best croissant is the one still warm. Empirically too",
      "display_text_range" : [
        "0",
        "73"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500001203765249149"
          ],
          "editableUntil" : "2024-02-20T05:48:51.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "3",
      "id_str" : "1500001203765249149",
      "truncated" : false,
      "retweet_count" : "5",
      "id" : "1500001203765249149",
      "created_at" : "Tue Feb 20 04:48:51 +0000 2024",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "I finally understand why they call it \"technical debt\". it's like borrowing flour from tomorrow's batch",
      "display_text_range" : [
        "0",
        "103"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500001056964610115"
          ],
          "editableUntil" : "2023-12-31T14:17:06.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "29",
      "id_str" : "1500001056964610115",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "1500001056964610115",
      "created_at" : "Sun Dec 31 13:17:06 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "I'm not saying baking made me a better programmer, but I now write everything down, measure twice, and wait for things to rise",
      "display_text_range" : [
        "0",
        "126"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000132120577502"
          ],
          "editableUntil" : "2023-02-13T13:58:14.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "https://t.co/Mb000017",
            "expanded_url" : "https://marenbakes.example/blog/17",
            "display_url" : "marenbakes.example/blog/17",
            "indices" : [
              "110",
              "131"
            ]
          }
        ]
      },
      "favorite_count" : "22",
      "id_str" : "1500000132120577502",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1500000132120577502",
      "created_at" : "Mon Feb 13 12:58:14 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "I love the quiet hour between the first bake and the first customer. the street is blue and the bread is loud https://t.co/Mb000017",
      "display_text_range" : [
        "0",
        "131"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000256901120520"
          ],
          "editableUntil" : "2023-03-28T15:46:50.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "9",
      "id_str" : "1500000256901120520",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "1500000256901120520",
      "created_at" : "Tue Mar 28 14:46:50 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "spent the evening reading a paper about LSTMs and now every croissant looks like a forget gate",
      "display_text_range" : [
        "0",
        "94"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000007340033630"
          ],
          "editableUntil" : "2023-01-01T15:31:34.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "25",
      "id_str" : "1500000007340033630",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500000007340033630",
      "created_at" : "Sun Jan 01 14:31:34 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "4:12am and the oven is already warmer than my kitchen. good morning to the dough and nobody else",
      "display_text_range" : [
        "0",
        "96"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000594542594868"
          ],
          "editableUntil" : "2023-07-24T05:47:46.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "5",
      "id_str" : "1500000594542594868",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "1500000594542594868",
      "created_at" : "Mon Jul 24 04:47:46 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "\"can I get it sliced?\" yes. \"thin?\" yes. \"but not too thin\" I am a machine built for this",
      "display_text_range" : [
        "0",
        "89"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000095420417403"
          ],
          "editableUntil" : "2023-01-31T23:58:22.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "30",
      "id_str" : "1500000095420417403",
      "truncated" : false,
      "retweet_count" : "5",
      "id" : "1500000095420417403",
      "created_at" : "Tue Jan 31 22:58:22 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Today I learned that my scale's serial port speaks 9600 baud. Tomorrow I learn why it lies",
      "display_text_range" : [
        "0",
        "90"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000565182465087"
          ],
          "editableUntil" : "2023-07-13T23:20:41.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "https://t.co/Mb000068",
            "expanded_url" : "https://marenbakes.example/blog/68",
            "display_url" : "marenbakes.example/blog/68",
            "indices" : [
              "95",
              "116"
            ]
          }
        ]
      },
      "favorite_count" : "2",
      "id_str" : "1500000565182465087",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1500000565182465087",
      "created_at" : "Thu Jul 13 22:20:41 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "our cinnamon rolls made the local paper! the photo is blurry but the frosting is clearly there https://t.co/Mb000068",
      "display_text_range" : [
        "0",
        "116"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000176160771236"
          ],
          "editableUntil" : "2023-03-01T00:43:43.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "30",
      "id_str" : "1500000176160771236",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "1500000176160771236",
      "created_at" : "Tue Feb 28 23:43:43 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "wrote a function called `knead()` and then felt I had to make it actually useful",
      "display_text_range" : [
        "0",
        "80"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000954204161080"
          ],
          "editableUntil" : "2023-11-25T12:27:14.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "29",
      "id_str" : "1500000954204161080",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500000954204161080",
      "created_at" : "Sat Nov 25 11:27:14 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "the mixer makes a new noise. I've named the noise. I'm not calling the repairman until it gets worse",
      "display_text_range" : [
        "0",
        "100"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000645922818546"
          ],
          "editableUntil" : "2023-08-10T18:22:17.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "2",
      "id_str" : "1500000645922818546",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "1500000645922818546",
      "created_at" : "Thu Aug 10 17:22:17 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "pretzels on Thursdays! lye bath goggles on, I look like a mad scientist, feel like one too",
      "display_text_range" : [
        "0",
        "90"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500001115684867359"
          ],
          "editableUntil" : "2024-01-21T07:18:02.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "17",
      "id_str" : "1500001115684867359",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500001115684867359",
      "created_at" : "Sun Jan 21 06:18:02 +0000 2024",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "I left a print statement in production. it prints \"here\" every time someone buys a scone. I'm keeping it",
      "display_text_range" : [
        "0",
        "104"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000800063491983"
          ],
          "editableUntil" : "2023-10-03T20:55:06.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [
          {
            "name" : "bread_nerd_99",
            "screen_name" : "bread_nerd_99",
            "indices" : [
              "3",
              "17"
            ],
            "id_str" : "1700000000000001239",
            "id" : "1700000000000001239"
          }
        ],
        "urls" : []
      },
      "favorite_count" : "20",
      "id_str" : "1500000800063491983",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1500000800063491983",
      "created_at" : "Tue Oct 03 19:55:06 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "RT @bread_nerd_99: Crumb shot of the week 🍞",
      "display_text_range" : [
        "0",
        "43"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500001152385024576"
          ],
          "editableUntil" : "2024-02-02T21:29:09.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "22",
      "id_str" : "1500001152385024576",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "1500001152385024576",
      "created_at" : "Fri Feb 02 20:29:09 +0000 2024",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "apple turnovers for the harvest market, 300 of them. send help or coffee",
      "display_text_range" : [
        "0",
        "72"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000264241155706"
          ],
          "editableUntil" : "2023-03-31T20:49:54.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "9",
      "id_str" : "1500000264241155706",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "1500000264241155706",
      "created_at" : "Fri Mar 31 19:49:54 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "not me naming the new rye \"Segfault\" because it collapsed twice before it worked",
      "display_text_range" : [
        "0",
        "80"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000895483907653"
          ],
          "editableUntil" : "2023-11-05T22:07:17.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "40",
      "id_str" : "1500000895483907653",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "1500000895483907653",
      "created_at" : "Sun Nov 05 21:07:17 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "the village has a new coffee shop and they're buying our croissants. we're basically a supplier now. I need invoices that don't lie",
      "display_text_range" : [
        "0",
        "131"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000535822338269"
          ],
          "editableUntil" : "2023-07-04T01:41:58.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "28",
      "id_str" : "1500000535822338269",
      "truncated" : false,
      "retweet_count" : "5",
      "id" : "1500000535822338269",
      "created_at" : "Tue Jul 04 00:41:58 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "spent an hour tuning the oven's steam injection. the baguettes look like they went on holiday",
      "display_text_range" : [
        "0",
        "93"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000308281347383"
          ],
          "editableUntil" : "2023-04-15T18:14:21.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "1",
      "id_str" : "1500000308281347383",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "1500000308281347383",
      "created_at" : "Sat Apr 15 17:14:21 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "My terminal theme is now \"burnt crust\". It's just brown. I love it",
      "display_text_range" : [
        "0",
        "66"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000014680065972"
          ],
          "editableUntil" : "2023-01-04T04:41:26.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "3",
      "id_str" : "1500000014680065972",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1500000014680065972",
      "created_at" : "Wed Jan 04 03:41:26 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "the rye starter smells like green apples today, which means it's happy. I am also happy",
      "display_text_range" : [
        "0",
        "87"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000389021698794"
          ],
          "editableUntil" : "2023-05-14T05:39:01.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "33",
      "id_str" : "1500000389021698794",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "1500000389021698794",
      "created_at" : "Sun May 14 04:39:01 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "wrote unit tests for the tip calculator. found a bug. we'd been rounding in the customer's favour for a year. leaving it",
      "display_text_range" : [
        "0",
        "120"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000946864130565"
          ],
          "editableUntil" : "2023-11-23T18:34:17.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "15",
      "id_str" : "1500000946864130565",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "1500000946864130565",
      "created_at" : "Thu Nov 23 17:34:17 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "My apprentice told me her grandmother also said \"enough flour\". It's a worldwide conspiracy of grandmothers",
      "display_text_range" : [
        "0",
        "107"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000418381826300"
          ],
          "editableUntil" : "2023-05-23T16:14:12.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "https://t.co/Mb000051",
            "expanded_url" : "https://marenbakes.example/blog/51",
            "display_url" : "marenbakes.example/blog/51",
            "indices" : [
              "83",
              "104"
            ]
          }
        ]
      },
      "favorite_count" : "4",
      "id_str" : "1500000418381826300",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "1500000418381826300",
      "created_at" : "Tue May 23 15:14:12 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Early start, clear sky, starlings everywhere. I talk to them while I load the oven https://t.co/Mb000051",
      "display_text_range" : [
        "0",
        "104"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000271581187385"
          ],
          "editableUntil" : "2023-04-03T14:41:41.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "https://t.co/Mb000034",
            "expanded_url" : "https://marenbakes.example/blog/34",
            "display_url" : "marenbakes.example/blog/34",
            "indices" : [
              "58",
              "79"
            ]
          }
        ]
      },
      "favorite_count" : "30",
      "id_str" : "1500000271581187385",
      "truncated" : false,
      "retweet_count" : "5",
      "id" : "1500000271581187385",
      "created_at" : "Mon Apr 03 13:41:41 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "\"do you have anything without carbs\" sir this is a bakery https://t.co/Mb000034",
      "display_text_range" : [
        "0",
        "79"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000374341632579"
          ],
          "editableUntil" : "2023-05-09T01:47:41.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "39",
      "id_str" : "1500000374341632579",
      "truncated" : false,
      "retweet_count" : "5",
      "id" : "1500000374341632579",
      "created_at" : "Tue May 09 00:47:41 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "focaccia with rosemary from the neighbour's garden. she gets the first square, that's the deal",
      "display_text_range" : [
        "0",
        "94"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000205520896805"
          ],
          "editableUntil" : "2023-03-11T07:17:47.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "13",
      "id_str" : "1500000205520896805",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "1500000205520896805",
      "created_at" : "Sat Mar 11 06:17:47 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Fixed the label printer. It now prints \"SEIGLE\" instead of \"S£IGLE\". Small wins",
      "display_text_range" : [
        "0",
        "79"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000102760448661"
          ],
          "editableUntil" : "2023-02-03T22:14:36.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "1",
      "id_str" : "1500000102760448661",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1500000102760448661",
      "created_at" : "Fri Feb 03 21:14:36 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Tried to explain recursion to my apprentice using a braided loaf. It went surprisingly well until the third strand",
      "display_text_range" : [
        "0",
        "114"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000227540992491"
          ],
          "editableUntil" : "2023-03-19T00:28:46.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "12",
      "id_str" : "1500000227540992491",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "1500000227540992491",
      "created_at" : "Sat Mar 18 23:28:46 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Starter feeding schedule is now a cron job. It emails me. The starter does not read its email",
      "display_text_range" : [
        "0",
        "93"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000161480707290"
          ],
          "editableUntil" : "2023-02-23T20:35:19.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "12",
      "id_str" : "1500000161480707290",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "1500000161480707290",
      "created_at" : "Thu Feb 23 19:35:19 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "My apprentice asked why we weigh water instead of measuring it. Because a cup is a suggestion and a gram is a promise",
      "display_text_range" : [
        "0",
        "117"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000726663171418"
          ],
          "editableUntil" : "2023-09-08T04:12:02.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "32",
      "id_str" : "1500000726663171418",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "1500000726663171418",
      "created_at" : "Fri Sep 08 03:12:02 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "I'm convinced baking is just error correction: too wet, add flour; too dry, add water; repeat until bread",
      "display_text_range" : [
        "0",
        "105"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000513802241767"
          ],
          "editableUntil" : "2023-06-26T12:26:21.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "25",
      "id_str" : "1500000513802241767",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "1500000513802241767",
      "created_at" : "Mon Jun 26 11:26:21 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "today's focaccia has olives, capers and a very small amount of anchovy. don't @ me, it's delicious",
      "display_text_range" : [
        "0",
        "98"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000557842432462"
          ],
          "editableUntil" : "2023-07-11T08:39:17.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "6",
      "id_str" : "1500000557842432462",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500000557842432462",
      "created_at" : "Tue Jul 11 07:39:17 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "weekend plan: teach a bread class, fix the website, sleep (one of these will not happen)",
      "display_text_range" : [
        "0",
        "88"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000022020096275"
          ],
          "editableUntil" : "2023-01-06T10:49:23.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "28",
      "id_str" : "1500000022020096275",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1500000022020096275",
      "created_at" : "Fri Jan 06 09:49:23 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Shipped a tiny script that tells me when the proofing box drifts above 27°C. Best 40 lines I wrote this year",
      "display_text_range" : [
        "0",
        "108"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000110100483895"
          ],
          "editableUntil" : "2023-02-06T11:47:19.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "23",
      "id_str" : "1500000110100483895",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1500000110100483895",
      "created_at" : "Mon Feb 06 10:47:19 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "it is 6am, I have flour in my eyebrows and a failing unit test. living the dream",
      "display_text_range" : [
        "0",
        "80"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000719323139354"
          ],
          "editableUntil" : "2023-09-05T16:30:46.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "31",
      "id_str" : "1500000719323139354",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "1500000719323139354",
      "created_at" : "Tue Sep 05 15:30:46 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "One customer always asks for \"the ugly one\". I keep one ugly loaf aside for him every Saturday",
      "display_text_range" : [
        "0",
        "94"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000506462208666"
          ],
          "editableUntil" : "2023-06-23T12:42:02.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "10",
      "id_str" : "1500000506462208666",
      "truncated" : false,
      "retweet_count" : "5",
      "id" : "1500000506462208666",
      "created_at" : "Fri Jun 23 11:42:02 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "the shop cat sat on the keyboard and committed \"jjjjjjjjjj\". honestly not his worst work",
      "display_text_range" : [
        "0",
        "88"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000579862531354"
          ],
          "editableUntil" : "2023-07-19T01:04:56.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "25",
      "id_str" : "1500000579862531354",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1500000579862531354",
      "created_at" : "Wed Jul 19 00:04:56 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "A bug that only happens on Tuesdays. Tuesdays are when we do the big rye bake. coincidence? the power draw says no",
      "display_text_range" : [
        "0",
        "114"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000249561089644"
          ],
          "editableUntil" : "2023-03-26T04:45:30.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "10",
      "id_str" : "1500000249561089644",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1500000249561089644",
      "created_at" : "Sun Mar 26 03:45:30 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "A kid asked me if bread is alive. \"Sort of, before the oven.\" She looked horrified. fair",
      "display_text_range" : [
        "0",
        "88"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000961544195064"
          ],
          "editableUntil" : "2023-11-28T19:45:25.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "34",
      "id_str" : "1500000961544195064",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500000961544195064",
      "created_at" : "Tue Nov 28 18:45:25 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "chocolate babka for the weekend. the swirl came out like a perfect spiral galaxy, I'm unbearable about it",
      "display_text_range" : [
        "0",
        "105"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500001123024898880"
          ],
          "editableUntil" : "2024-01-23T15:11:05.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "https://t.co/Mb000136",
            "expanded_url" : "https://marenbakes.example/blog/136",
            "display_url" : "marenbakes.example/blog/136",
            "indices" : [
              "76",
              "97"
            ]
          }
        ]
      },
      "favorite_count" : "14",
      "id_str" : "1500001123024898880",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "1500001123024898880",
      "created_at" : "Tue Jan 23 14:11:05 +0000 2024",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "got up, fed the starter, fed myself, fed the cat. in that order. priorities https://t.co/Mb000136",
      "display_text_range" : [
        "0",
        "97"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500001167065089329"
          ],
          "editableUntil" : "2024-02-07T20:52:18.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [
          {
            "name" : "tomcodes",
            "screen_name" : "tomcodes",
            "indices" : [
              "0",
              "9"
            ],
            "id_str" : "1700000000000000862",
            "id" : "1700000000000000862"
          }
        ],
        "urls" : []
      },
      "favorite_count" : "25",
      "id_str" : "1500001167065089329",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500001167065089329",
      "created_at" : "Wed Feb 07 19:52:18 +0000 2024",
      "favorited" : false,
      "lang" : "en",
      "in_reply_to_status_id_str" : "1500000000000000099",
      "in_reply_to_status_id" : "1500000000000000099",
      "in_reply_to_user_id" : "1700000000000000862",
      "in_reply_to_user_id_str" : "1700000000000000862",
      "in_reply_to_screen_name" : "tomcodes",
      "full_text" : "@tomcodes I tried that, the scale sends a checksum byte at the end that I kept ignoring 🙃",
      "display_text_range" : [
        "0",
        "89"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000411041795163"
          ],
          "editableUntil" : "2023-05-21T05:40:11.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "32",
      "id_str" : "1500000411041795163",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "1500000411041795163",
      "created_at" : "Sun May 21 04:40:11 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "pistachio croissants are back, and yes I know, they're €3.50, the pistachios are not free",
      "display_text_range" : [
        "0",
        "89"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000653262850906"
          ],
          "editableUntil" : "2023-08-13T11:27:32.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "7",
      "id_str" : "1500000653262850906",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1500000653262850906",
      "created_at" : "Sun Aug 13 10:27:32 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "croissant dough is in the fridge resting. so am I, mentally",
      "display_text_range" : [
        "0",
        "59"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000616562691283"
          ],
          "editableUntil" : "2023-07-31T18:42:31.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "5",
      "id_str" : "1500000616562691283",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "1500000616562691283",
      "created_at" : "Mon Jul 31 17:42:31 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Gingerbread season is here. The shop smells like a Christmas market got lost in a warehouse",
      "display_text_range" : [
        "0",
        "91"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000462422017706"
          ],
          "editableUntil" : "2023-06-08T02:19:01.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "25",
      "id_str" : "1500000462422017706",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "1500000462422017706",
      "created_at" : "Thu Jun 08 01:19:01 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "A regular asked for \"the bread from last Tuesday\". Reader, I had to check the git log",
      "display_text_range" : [
        "0",
        "85"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500001189085185609"
          ],
          "editableUntil" : "2024-02-15T14:05:39.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "37",
      "id_str" : "1500001189085185609",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500001189085185609",
      "created_at" : "Thu Feb 15 13:05:39 +0000 2024",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "sticky toffee buns are a public service",
      "display_text_range" : [
        "0",
        "39"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500001012924418527"
          ],
          "editableUntil" : "2023-12-16T04:26:30.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "4",
      "id_str" : "1500001012924418527",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "1500001012924418527",
      "created_at" : "Sat Dec 16 03:26:30 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "I used to think 4am was the middle of the night. now it's just \"morning, early edition\"",
      "display_text_range" : [
        "0",
        "87"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000484442115674"
          ],
          "editableUntil" : "2023-06-15T18:50:43.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "23",
      "id_str" : "1500000484442115674",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1500000484442115674",
      "created_at" : "Thu Jun 15 17:50:43 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "my code review comments are getting bakery-ish: \"this needs to rest overnight before merging\"",
      "display_text_range" : [
        "0",
        "93"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000675282946175"
          ],
          "editableUntil" : "2023-08-21T01:36:23.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [
          {
            "name" : "bread_nerd_99",
            "screen_name" : "bread_nerd_99",
            "indices" : [
              "0",
              "14"
            ],
            "id_str" : "1700000000000001239",
            "id" : "1700000000000001239"
          }
        ],
        "urls" : []
      },
      "favorite_count" : "18",
      "id_str" : "1500000675282946175",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "1500000675282946175",
      "created_at" : "Mon Aug 21 00:36:23 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "in_reply_to_status_id_str" : "1500000000000000099",
      "in_reply_to_status_id" : "1500000000000000099",
      "in_reply_to_user_id" : "1700000000000001239",
      "in_reply_to_user_id_str" : "1700000000000001239",
      "in_reply_to_screen_name" : "bread_nerd_99",
      "full_text" : "@bread_nerd_99 haha no, the rye is 100% rye, it just looks darker because of the malt",
      "display_text_range" : [
        "0",
        "85"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000234881027641"
          ],
          "editableUntil" : "2023-03-21T05:56:39.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [
          {
            "name" : "tomcodes",
            "screen_name" : "tomcodes",
            "indices" : [
              "0",
              "9"
            ],
            "id_str" : "1700000000000000862",
            "id" : "1700000000000000862"
          }
        ],
        "urls" : []
      },
      "favorite_count" : "27",
      "id_str" : "1500000234881027641",
      "truncated" : false,
      "retweet_count" : "5",
      "id" : "1500000234881027641",
      "created_at" : "Tue Mar 21 04:56:39 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "in_reply_to_status_id_str" : "1500000000000000099",
      "in_reply_to_status_id" : "1500000000000000099",
      "in_reply_to_user_id" : "1700000000000000862",
      "in_reply_to_user_id_str" : "1700000000000000862",
      "in_reply_to_screen_name" : "tomcodes",
      "full_text" : "@tomcodes it was a missing `local`. it is always a missing `local`",
      "display_text_range" : [
        "0",
        "66"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000902823939005"
          ],
          "editableUntil" : "2023-11-08T10:57:42.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "8",
      "id_str" : "1500000902823939005",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "1500000902823939005",
      "created_at" : "Wed Nov 08 09:57:42 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "it's quiet today. sometimes that's fine. the bread still needs making even when nobody's watching",
      "display_text_range" : [
        "0",
        "97"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000543162368074"
          ],
          "editableUntil" : "2023-07-06T12:06:16.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "21",
      "id_str" : "1500000543162368074",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "1500000543162368074",
      "created_at" : "Thu Jul 06 11:06:16 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "learned regex specifically to clean up my supplier's invoices. regret nothing",
      "display_text_range" : [
        "0",
        "77"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000058720257541"
          ],
          "editableUntil" : "2023-01-19T02:11:10.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [
          {
            "name" : "lena_mills",
            "screen_name" : "lena_mills",
            "indices" : [
              "0",
              "11"
            ],
            "id_str" : "1700000000000001056",
            "id" : "1700000000000001056"
          }
        ],
        "urls" : []
      },
      "favorite_count" : "40",
      "id_str" : "1500000058720257541",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "1500000058720257541",
      "created_at" : "Thu Jan 19 01:11:10 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "in_reply_to_status_id_str" : "1500000000000000099",
      "in_reply_to_status_id" : "1500000000000000099",
      "in_reply_to_user_id" : "1700000000000001056",
      "in_reply_to_user_id_str" : "1700000000000001056",
      "in_reply_to_screen_name" : "lena_mills",
      "full_text" : "@lena_mills yes! bring the jar on Saturday, I will trade you a rye loaf for some of that starter",
      "display_text_range" : [
        "0",
        "96"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500001181745153187"
          ],
          "editableUntil" : "2024-02-12T19:59:49.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "23",
      "id_str" : "1500001181745153187",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500001181745153187",
      "created_at" : "Mon Feb 12 18:59:49 +0000 2024",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "heard a customer describe our rye as \"aggressively Nordic\". putting it on the sign",
      "display_text_range" : [
        "0",
        "82"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000499122179058"
          ],
          "editableUntil" : "2023-06-20T18:52:17.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "25",
      "id_str" : "1500000499122179058",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "1500000499122179058",
      "created_at" : "Tue Jun 20 17:52:17 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "couldn't sleep, so I wrote a tiny thing that turns my bake logs into a chart. the chart says I need sleep",
      "display_text_range" : [
        "0",
        "105"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000396361729976"
          ],
          "editableUntil" : "2023-05-16T03:45:07.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "35",
      "id_str" : "1500000396361729976",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500000396361729976",
      "created_at" : "Tue May 16 02:45:07 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "A good baguette sings when it cools. A good program is silent when it runs. discuss",
      "display_text_range" : [
        "0",
        "83"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000359661570091"
          ],
          "editableUntil" : "2023-05-03T07:00:51.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "28",
      "id_str" : "1500000359661570091",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1500000359661570091",
      "created_at" : "Wed May 03 06:00:51 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Opened the shop 5 minutes late because I was fixing an off-by-one error. The error was in my alarm",
      "display_text_range" : [
        "0",
        "98"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000242221057361"
          ],
          "editableUntil" : "2023-03-23T15:42:50.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "25",
      "id_str" : "1500000242221057361",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "1500000242221057361",
      "created_at" : "Thu Mar 23 14:42:50 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "lemon tart test batch #3: too sweet, too sweet, perfect. writing down everything this time",
      "display_text_range" : [
        "0",
        "90"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500001020264448603"
          ],
          "editableUntil" : "2023-12-18T22:24:46.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "16",
      "id_str" : "1500001020264448603",
      "truncated" : false,
      "retweet_count" : "5",
      "id" : "1500001020264448603",
      "created_at" : "Mon Dec 18 21:24:46 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "The summer bread: tomato, olive oil, sea salt, basil on top. tastes like a window left open",
      "display_text_range" : [
        "0",
        "91"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500001130364931677"
          ],
          "editableUntil" : "2024-01-26T08:41:59.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "25",
      "id_str" : "1500001130364931677",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500001130364931677",
      "created_at" : "Fri Jan 26 07:41:59 +0000 2024",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "the old oven has a hot spot in the back left. I call it \"the legacy code\"",
      "display_text_range" : [
        "0",
        "73"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000609222657101"
          ],
          "editableUntil" : "2023-07-28T20:43:26.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "40",
      "id_str" : "1500000609222657101",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500000609222657101",
      "created_at" : "Fri Jul 28 19:43:26 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "my apprentice: why do you comment your code so much. me, holding a recipe card from 1974 that says \"bake until done\" : no reason",
      "display_text_range" : [
        "0",
        "127"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000631242755533"
          ],
          "editableUntil" : "2023-08-05T15:52:28.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "29",
      "id_str" : "1500000631242755533",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500000631242755533",
      "created_at" : "Sat Aug 05 14:52:28 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "made a little Lua script that scales recipes. it refuses to scale eggs below one. correct behaviour",
      "display_text_range" : [
        "0",
        "99"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000792723456014"
          ],
          "editableUntil" : "2023-09-30T21:28:23.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "23",
      "id_str" : "1500000792723456014",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "1500000792723456014",
      "created_at" : "Sat Sep 30 20:28:23 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "a customer brought back our bread bag from 2015 to show us our old logo. we were so young. the font was so bad",
      "display_text_range" : [
        "0",
        "110"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000572522497107"
          ],
          "editableUntil" : "2023-07-16T07:16:21.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "27",
      "id_str" : "1500000572522497107",
      "truncated" : false,
      "retweet_count" : "5",
      "id" : "1500000572522497107",
      "created_at" : "Sun Jul 16 06:16:21 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "whole wheat loaf fell flat, but the toast from it is magnificent. failure is a matter of framing",
      "display_text_range" : [
        "0",
        "96"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000858783745227"
          ],
          "editableUntil" : "2023-10-23T20:57:57.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "40",
      "id_str" : "1500000858783745227",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1500000858783745227",
      "created_at" : "Mon Oct 23 19:57:57 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Making stollen. Marzipan everywhere. On the table, the mixer, my phone, somehow my laptop trackpad",
      "display_text_range" : [
        "0",
        "98"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500001159725057294"
          ],
          "editableUntil" : "2024-02-04T23:50:47.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "21",
      "id_str" : "1500001159725057294",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500001159725057294",
      "created_at" : "Sun Feb 04 22:50:47 +0000 2024",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Wrote a small program that guesses tomorrow's sales from the weather. it's wrong about 30% of the time, which is better than me",
      "display_text_range" : [
        "0",
        "127"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500001225785347166"
          ],
          "editableUntil" : "2024-02-28T07:02:15.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "27",
      "id_str" : "1500001225785347166",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500001225785347166",
      "created_at" : "Wed Feb 28 06:02:15 +0000 2024",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "hazelnut loaf test: toasted the nuts too long. the whole street knows",
      "display_text_range" : [
        "0",
        "69"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000770703362746"
          ],
          "editableUntil" : "2023-09-23T06:49:13.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "38",
      "id_str" : "1500000770703362746",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1500000770703362746",
      "created_at" : "Sat Sep 23 05:49:13 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "I made a dashboard for the fridge temperatures. My apprentice made a sticker for the fridge that says \"cold\". Hers is more reliable",
      "display_text_range" : [
        "0",
        "131"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000785383424759"
          ],
          "editableUntil" : "2023-09-28T04:30:48.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "17",
      "id_str" : "1500000785383424759",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "1500000785383424759",
      "created_at" : "Thu Sep 28 03:30:48 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "The rye is so sticky today it's basically a dependency I can't remove",
      "display_text_range" : [
        "0",
        "69"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000300941315824"
          ],
          "editableUntil" : "2023-04-13T02:30:51.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "27",
      "id_str" : "1500000300941315824",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1500000300941315824",
      "created_at" : "Thu Apr 13 01:30:51 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Spelt is lovely but it will absolutely betray you if you over-mix it. like a fragile API",
      "display_text_range" : [
        "0",
        "88"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500001196425217477"
          ],
          "editableUntil" : "2024-02-18T04:35:05.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "17",
      "id_str" : "1500001196425217477",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500001196425217477",
      "created_at" : "Sun Feb 18 03:35:05 +0000 2024",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "snowed in. baked anyway. walked the bread to the neighbours in a sled. best delivery service in the valley",
      "display_text_range" : [
        "0",
        "106"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000550502402555"
          ],
          "editableUntil" : "2023-07-08T21:58:45.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [
          {
            "name" : "bread_nerd_99",
            "screen_name" : "bread_nerd_99",
            "indices" : [
              "0",
              "14"
            ],
            "id_str" : "1700000000000001239",
            "id" : "1700000000000001239"
          }
        ],
        "urls" : []
      },
      "favorite_count" : "32",
      "id_str" : "1500000550502402555",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500000550502402555",
      "created_at" : "Sat Jul 08 20:58:45 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "in_reply_to_status_id_str" : "1500000000000000099",
      "in_reply_to_status_id" : "1500000000000000099",
      "in_reply_to_user_id" : "1700000000000001239",
      "in_reply_to_user_id_str" : "1700000000000001239",
      "in_reply_to_screen_name" : "bread_nerd_99",
      "full_text" : "@bread_nerd_99 I do 75% hydration for the house loaf &amp; 80 for the ciabatta",
      "display_text_range" : [
        "0",
        "78"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000425721857333"
          ],
          "editableUntil" : "2023-05-26T22:44:23.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "38",
      "id_str" : "1500000425721857333",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "1500000425721857333",
      "created_at" : "Fri May 26 21:44:23 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "The apprentice made her first perfect loaf today and I had to pretend I had flour in my eye",
      "display_text_range" : [
        "0",
        "91"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000939524098287"
          ],
          "editableUntil" : "2023-11-20T11:57:35.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "40",
      "id_str" : "1500000939524098287",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500000939524098287",
      "created_at" : "Mon Nov 20 10:57:35 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "pear &amp; ginger galette on the counter. there is no photo because there is no galette anymore",
      "display_text_range" : [
        "0",
        "95"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000822083584343"
          ],
          "editableUntil" : "2023-10-11T09:36:52.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "17",
      "id_str" : "1500000822083584343",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "1500000822083584343",
      "created_at" : "Wed Oct 11 08:36:52 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "today's mistake: used the 'cake flour' bin for the baguettes. results: fluffy baguettes. not a good thing",
      "display_text_range" : [
        "0",
        "105"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000807403520141"
          ],
          "editableUntil" : "2023-10-06T01:22:53.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "13",
      "id_str" : "1500000807403520141",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "1500000807403520141",
      "created_at" : "Fri Oct 06 00:22:53 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Finished a small open source patch today. Maintainer said thanks. I printed the message and stuck it next to the ovens",
      "display_text_range" : [
        "0",
        "118"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000851443714403"
          ],
          "editableUntil" : "2023-10-20T22:17:41.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [
          {
            "name" : "marta_k",
            "screen_name" : "marta_k",
            "indices" : [
              "0",
              "8"
            ],
            "id_str" : "1700000000000000735",
            "id" : "1700000000000000735"
          }
        ],
        "urls" : []
      },
      "favorite_count" : "25",
      "id_str" : "1500000851443714403",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500000851443714403",
      "created_at" : "Fri Oct 20 21:17:41 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "in_reply_to_status_id_str" : "1500000000000000099",
      "in_reply_to_status_id" : "1500000000000000099",
      "in_reply_to_user_id" : "1700000000000000735",
      "in_reply_to_user_id_str" : "1700000000000000735",
      "in_reply_to_screen_name" : "marta_k",
      "full_text" : "@marta_k the cardamom buns are back on Saturday, I promise",
      "display_text_range" : [
        "0",
        "58"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000139460610181"
          ],
          "editableUntil" : "2023-02-16T16:43:04.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "32",
      "id_str" : "1500000139460610181",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "1500000139460610181",
      "created_at" : "Thu Feb 16 15:43:04 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Rewrote the order spreadsheet as a tiny SQLite app. The spreadsheet is still winning on vibes",
      "display_text_range" : [
        "0",
        "93"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000330301442229"
          ],
          "editableUntil" : "2023-04-23T17:08:40.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "8",
      "id_str" : "1500000330301442229",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500000330301442229",
      "created_at" : "Sun Apr 23 16:08:40 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "I keep a notebook next to the mixer for bugs. it's mostly dough stains now",
      "display_text_range" : [
        "0",
        "74"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000212860930556"
          ],
          "editableUntil" : "2023-03-14T06:19:48.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "0",
      "id_str" : "1500000212860930556",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "1500000212860930556",
      "created_at" : "Tue Mar 14 05:19:48 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "First snow of the year. Cocoa buns are back by popular demand (mine)",
      "display_text_range" : [
        "0",
        "68"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000367001602492"
          ],
          "editableUntil" : "2023-05-05T19:35:15.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [
          {
            "name" : "tomcodes",
            "screen_name" : "tomcodes",
            "indices" : [
              "3",
              "12"
            ],
            "id_str" : "1700000000000000862",
            "id" : "1700000000000000862"
          }
        ],
        "urls" : []
      },
      "favorite_count" : "9",
      "id_str" : "1500000367001602492",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1500000367001602492",
      "created_at" : "Fri May 05 18:35:15 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "RT @tomcodes: Small programs are underrated. Write the 40-line script.",
      "display_text_range" : [
        "0",
        "70"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500001027604483044"
          ],
          "editableUntil" : "2023-12-21T10:31:40.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [
          {
            "name" : "valley_market",
            "screen_name" : "valley_market",
            "indices" : [
              "3",
              "17"
            ],
            "id_str" : "1700000000000001392",
            "id" : "1700000000000001392"
          }
        ],
        "urls" : []
      },
      "favorite_count" : "39",
      "id_str" : "1500001027604483044",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "1500001027604483044",
      "created_at" : "Thu Dec 21 09:31:40 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "RT @valley_market: The harvest market is on Sunday, 9 to 3, stalls from 40 local makers",
      "display_text_range" : [
        "0",
        "87"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000638582785389"
          ],
          "editableUntil" : "2023-08-08T20:41:31.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "26",
      "id_str" : "1500000638582785389",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "1500000638582785389",
      "created_at" : "Tue Aug 08 19:41:31 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "I don't trust any bread recipe that doesn't tell you the water temperature. same with install instructions",
      "display_text_range" : [
        "0",
        "106"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000403701761017"
          ],
          "editableUntil" : "2023-05-18T19:57:54.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "17",
      "id_str" : "1500000403701761017",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500000403701761017",
      "created_at" : "Thu May 18 18:57:54 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Was gifted a copper pot. It's too beautiful to cook in. It now holds USB cables",
      "display_text_range" : [
        "0",
        "79"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000756023298561"
          ],
          "editableUntil" : "2023-09-18T03:38:21.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "27",
      "id_str" : "1500000756023298561",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1500000756023298561",
      "created_at" : "Mon Sep 18 02:38:21 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "rainy Saturday and the shop is packed. everyone wants soup bread. I want a nap. we both win eventually",
      "display_text_range" : [
        "0",
        "102"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000146800642606"
          ],
          "editableUntil" : "2023-02-18T18:13:54.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "39",
      "id_str" : "1500000146800642606",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1500000146800642606",
      "created_at" : "Sat Feb 18 17:13:54 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "kouign-amann day. if you've never had one, imagine a croissant that went to the gym for caramel",
      "display_text_range" : [
        "0",
        "95"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500001108344835902"
          ],
          "editableUntil" : "2024-01-18T12:45:27.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "8",
      "id_str" : "1500001108344835902",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "1500001108344835902",
      "created_at" : "Thu Jan 18 11:45:27 +0000 2024",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Sesame bagels came out perfectly shiny. the secret is a little malt in the boiling water, don't tell the internet",
      "display_text_range" : [
        "0",
        "113"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000888143874966"
          ],
          "editableUntil" : "2023-11-02T19:36:12.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "2",
      "id_str" : "1500000888143874966",
      "truncated" : false,
      "retweet_count" : "5",
      "id" : "1500000888143874966",
      "created_at" : "Thu Nov 02 18:36:12 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "I tried writing a bread recipe as a state machine. shaping → proofing → baking → cooling → eaten. no transitions back",
      "display_text_range" : [
        "0",
        "117"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000088080384351"
          ],
          "editableUntil" : "2023-01-29T06:28:09.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "6",
      "id_str" : "1500000088080384351",
      "truncated" : false,
      "retweet_count" : "5",
      "id" : "1500000088080384351",
      "created_at" : "Sun Jan 29 05:28:09 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "crème pâtissière on the stove, Lua REPL on the laptop, radio on low. perfect Tuesday",
      "display_text_range" : [
        "0",
        "84"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000080740353908"
          ],
          "editableUntil" : "2023-01-27T05:36:06.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "30",
      "id_str" : "1500000080740353908",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "1500000080740353908",
      "created_at" : "Fri Jan 27 04:36:06 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "A regular brought me a jar of her grandmother's starter from Lyon. I have never been so honoured by a jar",
      "display_text_range" : [
        "0",
        "105"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000763363328226"
          ],
          "editableUntil" : "2023-09-20T10:31:13.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "24",
      "id_str" : "1500000763363328226",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "1500000763363328226",
      "created_at" : "Wed Sep 20 09:31:13 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "anise and orange buns for the village festival. the whole street smells like a cupboard from the 1950s, in a good way",
      "display_text_range" : [
        "0",
        "117"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500001174405123849"
          ],
          "editableUntil" : "2024-02-10T04:47:36.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "0",
      "id_str" : "1500001174405123849",
      "truncated" : false,
      "retweet_count" : "5",
      "id" : "1500001174405123849",
      "created_at" : "Sat Feb 10 03:47:36 +0000 2024",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "the first loaf of the day is always a little weird. like the first pancake. like the first draft",
      "display_text_range" : [
        "0",
        "96"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000521142273725"
          ],
          "editableUntil" : "2023-06-28T13:54:16.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "22",
      "id_str" : "1500000521142273725",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "1500000521142273725",
      "created_at" : "Wed Jun 28 12:54:16 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Why is there always one roll that puffs up twice as big as the others. who are you. what do you want",
      "display_text_range" : [
        "0",
        "100"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000352321536535"
          ],
          "editableUntil" : "2023-05-01T12:35:07.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "9",
      "id_str" : "1500000352321536535",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "1500000352321536535",
      "created_at" : "Mon May 01 11:35:07 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Remember: a recipe is a program that runs on a very nondeterministic machine called a kitchen",
      "display_text_range" : [
        "0",
        "93"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000976224259017"
          ],
          "editableUntil" : "2023-12-03T20:55:09.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "https://t.co/Mb000119",
            "expanded_url" : "https://marenbakes.example/blog/119",
            "display_url" : "marenbakes.example/blog/119",
            "indices" : [
              "105",
              "126"
            ]
          }
        ]
      },
      "favorite_count" : "16",
      "id_str" : "1500000976224259017",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500000976224259017",
      "created_at" : "Sun Dec 03 19:55:09 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "I would like to thank cron, sqlite and whoever invented the timer beep. the three pillars of my business https://t.co/Mb000119",
      "display_text_range" : [
        "0",
        "126"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000873463810693"
          ],
          "editableUntil" : "2023-10-29T09:49:52.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "24",
      "id_str" : "1500000873463810693",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "1500000873463810693",
      "created_at" : "Sun Oct 29 08:49:52 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "blueberry buns today. every single one looks like it's been in a small fight",
      "display_text_range" : [
        "0",
        "76"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500001034944512546"
          ],
          "editableUntil" : "2023-12-23T13:00:34.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [
          {
            "name" : "marta_k",
            "screen_name" : "marta_k",
            "indices" : [
              "3",
              "11"
            ],
            "id_str" : "1700000000000000735",
            "id" : "1700000000000000735"
          }
        ],
        "urls" : []
      },
      "favorite_count" : "30",
      "id_str" : "1500001034944512546",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500001034944512546",
      "created_at" : "Sat Dec 23 12:00:34 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "RT @marta_k: best cinnamon roll in the valley, do not argue with me",
      "display_text_range" : [
        "0",
        "67"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000734003202816"
          ],
          "editableUntil" : "2023-09-10T10:50:04.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "14",
      "id_str" : "1500000734003202816",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "1500000734003202816",
      "created_at" : "Sun Sep 10 09:50:04 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "tart shells baked blind. they look perfect. I don't trust them. something will go wrong at filling time",
      "display_text_range" : [
        "0",
        "103"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000433061888816"
          ],
          "editableUntil" : "2023-05-29T03:32:11.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "28",
      "id_str" : "1500000433061888816",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "1500000433061888816",
      "created_at" : "Mon May 29 02:32:11 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "I think my favourite data structure is the queue outside the shop at 7:30",
      "display_text_range" : [
        "0",
        "73"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000440401922184"
          ],
          "editableUntil" : "2023-05-31T23:57:37.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "32",
      "id_str" : "1500000440401922184",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1500000440401922184",
      "created_at" : "Wed May 31 22:57:37 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "hot take: crumb shots are the benchmarks of baking. everyone games them",
      "display_text_range" : [
        "0",
        "71"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000866123776346"
          ],
          "editableUntil" : "2023-10-26T20:19:13.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "33",
      "id_str" : "1500000866123776346",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1500000866123776346",
      "created_at" : "Thu Oct 26 19:19:13 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "a local teacher brought her class to watch the morning bake. 24 kids, 24 questions about the oven. best morning in weeks",
      "display_text_range" : [
        "0",
        "120"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000036700160419"
          ],
          "editableUntil" : "2023-01-11T05:27:10.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "36",
      "id_str" : "1500000036700160419",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1500000036700160419",
      "created_at" : "Wed Jan 11 04:27:10 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "customer asked if the sourdough is \"gluten free but with gluten\". I said yes. I don't know what I agreed to",
      "display_text_range" : [
        "0",
        "107"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000528482304377"
          ],
          "editableUntil" : "2023-07-01T09:12:46.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [
          {
            "name" : "lena_mills",
            "screen_name" : "lena_mills",
            "indices" : [
              "3",
              "14"
            ],
            "id_str" : "1700000000000001056",
            "id" : "1700000000000001056"
          }
        ],
        "urls" : []
      },
      "favorite_count" : "1",
      "id_str" : "1500000528482304377",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "1500000528482304377",
      "created_at" : "Sat Jul 01 08:12:46 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "RT @lena_mills: Our bread class is full! Thanks everyone &amp; see you Saturday",
      "display_text_range" : [
        "0",
        "79"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500001211105281169"
          ],
          "editableUntil" : "2024-02-22T20:38:38.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "15",
      "id_str" : "1500001211105281169",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "1500001211105281169",
      "created_at" : "Thu Feb 22 19:38:38 +0000 2024",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "today: 14 baguettes, 30 croissants, 1 bug fix, 0 naps. tomorrow: reverse those numbers",
      "display_text_range" : [
        "0",
        "86"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500001042284545989"
          ],
          "editableUntil" : "2023-12-26T11:27:08.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "6",
      "id_str" : "1500001042284545989",
      "truncated" : false,
      "retweet_count" : "5",
      "id" : "1500001042284545989",
      "created_at" : "Tue Dec 26 10:27:08 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "fixed the website's opening hours. apparently for two weeks it said we open at 7pm. thanks to everyone who came anyway",
      "display_text_range" : [
        "0",
        "118"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000154140675301"
          ],
          "editableUntil" : "2023-02-21T07:56:17.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "25",
      "id_str" : "1500000154140675301",
      "truncated" : false,
      "retweet_count" : "5",
      "id" : "1500000154140675301",
      "created_at" : "Tue Feb 21 06:56:17 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "lost 20 minutes to a missing comma. found it. did a little dance behind the counter. nobody saw. good",
      "display_text_range" : [
        "0",
        "101"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000183500800793"
          ],
          "editableUntil" : "2023-03-04T01:41:56.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "22",
      "id_str" : "1500000183500800793",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "1500000183500800793",
      "created_at" : "Sat Mar 04 00:41:56 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Every loaf is a little experiment with one sample size and a lot of confounders",
      "display_text_range" : [
        "0",
        "79"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000983564291465"
          ],
          "editableUntil" : "2023-12-06T02:26:47.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "15",
      "id_str" : "1500000983564291465",
      "truncated" : false,
      "retweet_count" : "5",
      "id" : "1500000983564291465",
      "created_at" : "Wed Dec 06 01:26:47 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "someone on the internet said bread baking is \"just chemistry\". it's chemistry plus weather plus vibes plus luck",
      "display_text_range" : [
        "0",
        "111"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000880803842951"
          ],
          "editableUntil" : "2023-10-31T19:12:54.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [
          {
            "name" : "sourdough_sam",
            "screen_name" : "sourdough_sam",
            "indices" : [
              "0",
              "14"
            ],
            "id_str" : "1700000000000001408",
            "id" : "1700000000000001408"
          }
        ],
        "urls" : []
      },
      "favorite_count" : "9",
      "id_str" : "1500000880803842951",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "1500000880803842951",
      "created_at" : "Tue Oct 31 18:12:54 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "in_reply_to_status_id_str" : "1500000000000000099",
      "in_reply_to_status_id" : "1500000000000000099",
      "in_reply_to_user_id" : "1700000000000001408",
      "in_reply_to_user_id_str" : "1700000000000001408",
      "in_reply_to_screen_name" : "sourdough_sam",
      "full_text" : "@sourdough_sam old flour is fine for starter feeding, just not for the nice loaves",
      "display_text_range" : [
        "0",
        "82"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000220200963724"
          ],
          "editableUntil" : "2023-03-16T09:44:49.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "5",
      "id_str" : "1500000220200963724",
      "truncated" : false,
      "retweet_count" : "5",
      "id" : "1500000220200963724",
      "created_at" : "Thu Mar 16 08:44:49 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "honestly the best debugger is explaining the bug to a tray of rolls",
      "display_text_range" : [
        "0",
        "67"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000932184065477"
          ],
          "editableUntil" : "2023-11-18T00:49:11.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "24",
      "id_str" : "1500000932184065477",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "1500000932184065477",
      "created_at" : "Fri Nov 17 23:49:11 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "I have decided that burnt edges are a feature, not a bug. customers agree. marketing is easy",
      "display_text_range" : [
        "0",
        "92"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000337641475727"
          ],
          "editableUntil" : "2023-04-26T03:52:51.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "29",
      "id_str" : "1500000337641475727",
      "truncated" : false,
      "retweet_count" : "5",
      "id" : "1500000337641475727",
      "created_at" : "Wed Apr 26 02:52:51 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "new loaf: walnut &amp; honey rye. tastes like autumn decided to settle down",
      "display_text_range" : [
        "0",
        "75"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000704643072776"
          ],
          "editableUntil" : "2023-08-31T17:16:41.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [
          {
            "name" : "marta_k",
            "screen_name" : "marta_k",
            "indices" : [
              "0",
              "8"
            ],
            "id_str" : "1700000000000000735",
            "id" : "1700000000000000735"
          }
        ],
        "urls" : []
      },
      "favorite_count" : "30",
      "id_str" : "1500000704643072776",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1500000704643072776",
      "created_at" : "Thu Aug 31 16:16:41 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "in_reply_to_status_id_str" : "1500000000000000099",
      "in_reply_to_status_id" : "1500000000000000099",
      "in_reply_to_user_id" : "1700000000000000735",
      "in_reply_to_user_id_str" : "1700000000000000735",
      "in_reply_to_screen_name" : "marta_k",
      "full_text" : "@marta_k sorry, we are closed on Mondays! Tuesday from 7 though",
      "display_text_range" : [
        "0",
        "63"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000124780545220"
          ],
          "editableUntil" : "2023-02-10T22:05:28.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "16",
      "id_str" : "1500000124780545220",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "1500000124780545220",
      "created_at" : "Fri Feb 10 21:05:28 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Oven thermometer says 230, oven dial says 250, my gut says 240. We go with the gut",
      "display_text_range" : [
        "0",
        "82"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500001064304641910"
          ],
          "editableUntil" : "2024-01-02T21:18:52.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "35",
      "id_str" : "1500001064304641910",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1500001064304641910",
      "created_at" : "Tue Jan 02 20:18:52 +0000 2024",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "dough's in the fridge, shop's clean, tomorrow's list is printed. goodnight, ovens",
      "display_text_range" : [
        "0",
        "81"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500001145044993846"
          ],
          "editableUntil" : "2024-01-31T07:58:59.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "19",
      "id_str" : "1500001145044993846",
      "truncated" : false,
      "retweet_count" : "5",
      "id" : "1500001145044993846",
      "created_at" : "Wed Jan 31 06:58:59 +0000 2024",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "my hands smell like yeast 24/7 and honestly I've stopped apologising",
      "display_text_range" : [
        "0",
        "68"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000998244354662"
          ],
          "editableUntil" : "2023-12-11T11:45:37.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "31",
      "id_str" : "1500000998244354662",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "1500000998244354662",
      "created_at" : "Mon Dec 11 10:45:37 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Writing the allergen labels as a tiny data file and generating the signs. no more handwritten \"cotains nuts\"",
      "display_text_range" : [
        "0",
        "108"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500001049624576891"
          ],
          "editableUntil" : "2023-12-29T08:36:14.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "18",
      "id_str" : "1500001049624576891",
      "truncated" : false,
      "retweet_count" : "5",
      "id" : "1500001049624576891",
      "created_at" : "Fri Dec 29 07:36:14 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "new favourite sound: the crackle of a cooling loaf next to the hum of a laptop fan",
      "display_text_range" : [
        "0",
        "82"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000711983107828"
          ],
          "editableUntil" : "2023-09-03T03:56:36.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "6",
      "id_str" : "1500000711983107828",
      "truncated" : false,
      "retweet_count" : "5",
      "id" : "1500000711983107828",
      "created_at" : "Sun Sep 03 02:56:36 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "the new flour from the mill up the valley is so good it makes me want to write poetry. instead I wrote a README",
      "display_text_range" : [
        "0",
        "111"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500001101004800369"
          ],
          "editableUntil" : "2024-01-15T15:42:58.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "33",
      "id_str" : "1500001101004800369",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "1500001101004800369",
      "created_at" : "Mon Jan 15 14:42:58 +0000 2024",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "the bakery turns 6 today! free cookie with every loaf, and yes the cookie is also a test of a new recipe",
      "display_text_range" : [
        "0",
        "104"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000829423618687"
          ],
          "editableUntil" : "2023-10-13T12:45:42.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "15",
      "id_str" : "1500000829423618687",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "1500000829423618687",
      "created_at" : "Fri Oct 13 11:45:42 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Grandma's rule: never bake angry. my rule: never deploy angry. same rule, different oven",
      "display_text_range" : [
        "0",
        "88"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000278921219839"
          ],
          "editableUntil" : "2023-04-05T18:52:08.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [
          {
            "name" : "tomcodes",
            "screen_name" : "tomcodes",
            "indices" : [
              "0",
              "9"
            ],
            "id_str" : "1700000000000000862",
            "id" : "1700000000000000862"
          }
        ],
        "urls" : []
      },
      "favorite_count" : "9",
      "id_str" : "1500000278921219839",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "1500000278921219839",
      "created_at" : "Wed Apr 05 17:52:08 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "in_reply_to_status_id_str" : "1500000000000000099",
      "in_reply_to_status_id" : "1500000000000000099",
      "in_reply_to_user_id" : "1700000000000000862",
      "in_reply_to_user_id_str" : "1700000000000000862",
      "in_reply_to_screen_name" : "tomcodes",
      "full_text" : "@tomcodes thank you!! I read your post about parsers twice before it clicked",
      "display_text_range" : [
        "0",
        "76"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000601882624235"
          ],
          "editableUntil" : "2023-07-26T13:40:31.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "27",
      "id_str" : "1500000601882624235",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500000601882624235",
      "created_at" : "Wed Jul 26 12:40:31 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "I named the new dough mixer Ada. she is loud and precise",
      "display_text_range" : [
        "0",
        "56"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000066060291913"
          ],
          "editableUntil" : "2023-01-21T22:32:13.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "38",
      "id_str" : "1500000066060291913",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "1500000066060291913",
      "created_at" : "Sat Jan 21 21:32:13 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "The flour delivery came two hours late so today's baguettes are \"rustic\" &amp; \"artisanal\" (short)",
      "display_text_range" : [
        "0",
        "98"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000814743552749"
          ],
          "editableUntil" : "2023-10-08T03:15:40.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "21",
      "id_str" : "1500000814743552749",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "1500000814743552749",
      "created_at" : "Sun Oct 08 02:15:40 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "quiche for the staff lunch. leek, gruyère, a lot of black pepper. we ate it standing up, the traditional way",
      "display_text_range" : [
        "0",
        "108"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000293601283274"
          ],
          "editableUntil" : "2023-04-10T12:04:30.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "33",
      "id_str" : "1500000293601283274",
      "truncated" : false,
      "retweet_count" : "5",
      "id" : "1500000293601283274",
      "created_at" : "Mon Apr 10 11:04:30 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "six trays of pain aux raisins and one tray of regrets (I forgot the raisins)",
      "display_text_range" : [
        "0",
        "76"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000286261250245"
          ],
          "editableUntil" : "2023-04-07T23:59:28.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "1",
      "id_str" : "1500000286261250245",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500000286261250245",
      "created_at" : "Fri Apr 07 22:59:28 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Things I have learned: hydration percentages are just ratios wearing a hat",
      "display_text_range" : [
        "0",
        "74"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000836763651179"
          ],
          "editableUntil" : "2023-10-15T18:44:08.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "https://t.co/Mb000102",
            "expanded_url" : "https://marenbakes.example/blog/102",
            "display_url" : "marenbakes.example/blog/102",
            "indices" : [
              "76",
              "97"
            ]
          }
        ]
      },
      "favorite_count" : "5",
      "id_str" : "1500000836763651179",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "1500000836763651179",
      "created_at" : "Sun Oct 15 17:44:08 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "new hydration experiment: 82%. the dough is basically a soup with ambitions https://t.co/Mb000102",
      "display_text_range" : [
        "0",
        "97"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500001086324739965"
          ],
          "editableUntil" : "2024-01-11T00:41:50.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "17",
      "id_str" : "1500001086324739965",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "1500001086324739965",
      "created_at" : "Wed Jan 10 23:41:50 +0000 2024",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "oh no. oh no. the proofing box was unplugged all night. everything is... fine, actually? slow rise. lovely flavour. I'll take it",
      "display_text_range" : [
        "0",
        "128"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000924844032127"
          ],
          "editableUntil" : "2023-11-15T09:24:46.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "8",
      "id_str" : "1500000924844032127",
      "truncated" : false,
      "retweet_count" : "5",
      "id" : "1500000924844032127",
      "created_at" : "Wed Nov 15 08:24:46 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Midsummer. Sun up at 4. So am I. The light over the proofing baskets is unreal",
      "display_text_range" : [
        "0",
        "78"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000917504003384"
          ],
          "editableUntil" : "2023-11-13T16:02:34.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "14",
      "id_str" : "1500000917504003384",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500000917504003384",
      "created_at" : "Mon Nov 13 15:02:34 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Got my first pull request merged into a real project. It fixes a typo. A very important typo",
      "display_text_range" : [
        "0",
        "92"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500001005584384314"
          ],
          "editableUntil" : "2023-12-14T01:33:04.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "18",
      "id_str" : "1500001005584384314",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500001005584384314",
      "created_at" : "Thu Dec 14 00:33:04 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "cardamom buns sold out by 9 again. I'm making double tomorrow and I say that every week",
      "display_text_range" : [
        "0",
        "87"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000491782145036"
          ],
          "editableUntil" : "2023-06-18T07:19:50.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "29",
      "id_str" : "1500000491782145036",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1500000491782145036",
      "created_at" : "Sun Jun 18 06:19:50 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Sourdough discard crackers: the garbage collection of the baking world",
      "display_text_range" : [
        "0",
        "70"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000322961411128"
          ],
          "editableUntil" : "2023-04-21T10:07:45.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "20",
      "id_str" : "1500000322961411128",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "1500000322961411128",
      "created_at" : "Fri Apr 21 09:07:45 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "The market stall sold out by 10. Came home, napped, wrote a parser. balanced life",
      "display_text_range" : [
        "0",
        "81"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000660602881072"
          ],
          "editableUntil" : "2023-08-15T17:43:23.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "11",
      "id_str" : "1500000660602881072",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1500000660602881072",
      "created_at" : "Tue Aug 15 16:43:23 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Somebody left a thank-you note in the tip jar. \"your bread got me through exams\". I'm fine. it's the onions",
      "display_text_range" : [
        "0",
        "107"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000778043394837"
          ],
          "editableUntil" : "2023-09-25T20:20:11.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "2",
      "id_str" : "1500000778043394837",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "1500000778043394837",
      "created_at" : "Mon Sep 25 19:20:11 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "someone asked how long I've been baking. about 19 years. how long coding? about 3. and I still trust the oven more",
      "display_text_range" : [
        "0",
        "114"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000469762049294"
          ],
          "editableUntil" : "2023-06-10T13:38:28.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "15",
      "id_str" : "1500000469762049294",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "1500000469762049294",
      "created_at" : "Sat Jun 10 12:38:28 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "brioche buns for the burger place down the road, 240 of them. the mixer is singing",
      "display_text_range" : [
        "0",
        "82"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000741343232813"
          ],
          "editableUntil" : "2023-09-12T21:11:53.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "25",
      "id_str" : "1500000741343232813",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "1500000741343232813",
      "created_at" : "Tue Sep 12 20:11:53 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "the trick with baguettes is scoring with confidence. the trick with code reviews is the same",
      "display_text_range" : [
        "0",
        "92"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000748683264222"
          ],
          "editableUntil" : "2023-09-15T09:56:55.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "0",
      "id_str" : "1500000748683264222",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500000748683264222",
      "created_at" : "Fri Sep 15 08:56:55 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Wrote my first test that uses a fake clock. It's like proofing dough in a time machine",
      "display_text_range" : [
        "0",
        "86"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000667942915818"
          ],
          "editableUntil" : "2023-08-18T16:21:33.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "40",
      "id_str" : "1500000667942915818",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "1500000667942915818",
      "created_at" : "Fri Aug 18 15:21:33 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "tried a 72 hour cold ferment. the flavour is incredible. the fridge space is a crime scene",
      "display_text_range" : [
        "0",
        "90"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000697303040062"
          ],
          "editableUntil" : "2023-08-28T10:06:56.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "https://t.co/Mb000085",
            "expanded_url" : "https://marenbakes.example/blog/85",
            "display_url" : "marenbakes.example/blog/85",
            "indices" : [
              "79",
              "100"
            ]
          }
        ]
      },
      "favorite_count" : "32",
      "id_str" : "1500000697303040062",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "1500000697303040062",
      "created_at" : "Mon Aug 28 09:06:56 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Cold morning, warm oven, good coffee, tricky merge conflict. three out of four https://t.co/Mb000085",
      "display_text_range" : [
        "0",
        "100"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000587202562197"
          ],
          "editableUntil" : "2023-07-21T23:31:13.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "36",
      "id_str" : "1500000587202562197",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "1500000587202562197",
      "created_at" : "Fri Jul 21 22:31:13 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "the way hot bread smells at 5am should be illegal. or at least taxed",
      "display_text_range" : [
        "0",
        "68"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000447741954863"
          ],
          "editableUntil" : "2023-06-03T14:42:58.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [
          {
            "name" : "village_deli",
            "screen_name" : "village_deli",
            "indices" : [
              "0",
              "13"
            ],
            "id_str" : "1700000000000001249",
            "id" : "1700000000000001249"
          }
        ],
        "urls" : []
      },
      "favorite_count" : "16",
      "id_str" : "1500000447741954863",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "1500000447741954863",
      "created_at" : "Sat Jun 03 13:42:58 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "in_reply_to_status_id_str" : "1500000000000000099",
      "in_reply_to_status_id" : "1500000000000000099",
      "in_reply_to_user_id" : "1700000000000001249",
      "in_reply_to_user_id_str" : "1700000000000001249",
      "in_reply_to_screen_name" : "village_deli",
      "full_text" : "@village_deli of course, 40 croissants for Friday, we will have them ready by 7",
      "display_text_range" : [
        "0",
        "79"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000344981506389"
          ],
          "editableUntil" : "2023-04-28T22:55:32.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "26",
      "id_str" : "1500000344981506389",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "1500000344981506389",
      "created_at" : "Fri Apr 28 21:55:32 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "the laminator broke so we're doing everything by rolling pin today. arms of steel by Friday",
      "display_text_range" : [
        "0",
        "91"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000910163971083"
          ],
          "editableUntil" : "2023-11-11T00:01:48.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "36",
      "id_str" : "1500000910163971083",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500000910163971083",
      "created_at" : "Fri Nov 10 23:01:48 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "the starter is 9 years old this week. I baked it a tiny loaf. it's the least I can do",
      "display_text_range" : [
        "0",
        "85"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000990904323098"
          ],
          "editableUntil" : "2023-12-08T13:21:38.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [
          {
            "name" : "sourdough_sam",
            "screen_name" : "sourdough_sam",
            "indices" : [
              "0",
              "14"
            ],
            "id_str" : "1700000000000001408",
            "id" : "1700000000000001408"
          }
        ],
        "urls" : []
      },
      "favorite_count" : "14",
      "id_str" : "1500000990904323098",
      "truncated" : false,
      "retweet_count" : "5",
      "id" : "1500000990904323098",
      "created_at" : "Fri Dec 08 12:21:38 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "in_reply_to_status_id_str" : "1500000000000000099",
      "in_reply_to_status_id" : "1500000000000000099",
      "in_reply_to_user_id" : "1700000000000001408",
      "in_reply_to_user_id_str" : "1700000000000001408",
      "in_reply_to_screen_name" : "sourdough_sam",
      "full_text" : "@sourdough_sam mine lives on the counter in summer and the fridge in winter",
      "display_text_range" : [
        "0",
        "75"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000029360128450"
          ],
          "editableUntil" : "2023-01-09T04:42:51.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "38",
      "id_str" : "1500000029360128450",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500000029360128450",
      "created_at" : "Mon Jan 09 03:42:51 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "croissant lamination is just git rebase for butter: fold, fold, fold, pray nothing conflicts",
      "display_text_range" : [
        "0",
        "92"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000051380224104"
          ],
          "editableUntil" : "2023-01-16T10:13:36.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "13",
      "id_str" : "1500000051380224104",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "1500000051380224104",
      "created_at" : "Mon Jan 16 09:13:36 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Spent my lunch break reading about hash maps. Now I want to bake a loaf shaped like a bucket",
      "display_text_range" : [
        "0",
        "92"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000315621376871"
          ],
          "editableUntil" : "2023-04-18T10:19:59.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [
          {
            "name" : "village_deli",
            "screen_name" : "village_deli",
            "indices" : [
              "3",
              "16"
            ],
            "id_str" : "1700000000000001249",
            "id" : "1700000000000001249"
          }
        ],
        "urls" : []
      },
      "favorite_count" : "32",
      "id_str" : "1500000315621376871",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1500000315621376871",
      "created_at" : "Tue Apr 18 09:19:59 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "RT @village_deli: Fresh croissants from @maren_bakes every morning this week ☕",
      "display_text_range" : [
        "0",
        "78"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000689963011291"
          ],
          "editableUntil" : "2023-08-25T20:59:40.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "16",
      "id_str" : "1500000689963011291",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500000689963011291",
      "created_at" : "Fri Aug 25 19:59:40 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "every bug fix in my inventory script is named after a pastry. v1.3 \"éclair\" fixes the date parsing",
      "display_text_range" : [
        "0",
        "98"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000968884226700"
          ],
          "editableUntil" : "2023-12-01T09:42:22.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "4",
      "id_str" : "1500000968884226700",
      "truncated" : false,
      "retweet_count" : "5",
      "id" : "1500000968884226700",
      "created_at" : "Fri Dec 01 08:42:22 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "The printer ran out of ink mid-label so half the rye today says \"RY\". It sold anyway",
      "display_text_range" : [
        "0",
        "84"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000073400321942"
          ],
          "editableUntil" : "2023-01-24T03:28:21.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "7",
      "id_str" : "1500000073400321942",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "1500000073400321942",
      "created_at" : "Tue Jan 24 02:28:21 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "new rule: no coding after the second batch of brioche. my brain is 40% butter by then",
      "display_text_range" : [
        "0",
        "85"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000381681664492"
          ],
          "editableUntil" : "2023-05-11T17:55:38.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "3",
      "id_str" : "1500000381681664492",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "1500000381681664492",
      "created_at" : "Thu May 11 16:55:38 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Fun fact: salt slows fermentation. Less fun fact: I forgot the salt in batch two",
      "display_text_range" : [
        "0",
        "80"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000455081987656"
          ],
          "editableUntil" : "2023-06-05T16:09:13.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "28",
      "id_str" : "1500000455081987656",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1500000455081987656",
      "created_at" : "Mon Jun 05 15:09:13 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "reading old recipe cards in my grandfather's handwriting. half of them just say \"enough flour\"",
      "display_text_range" : [
        "0",
        "94"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500001137704960651"
          ],
          "editableUntil" : "2024-01-28T04:14:30.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "31",
      "id_str" : "1500001137704960651",
      "truncated" : false,
      "retweet_count" : "5",
      "id" : "1500001137704960651",
      "created_at" : "Sun Jan 28 03:14:30 +0000 2024",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "experimenting with buckwheat. it's earthy and grey and very honest",
      "display_text_range" : [
        "0",
        "66"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500001078984705186"
          ],
          "editableUntil" : "2024-01-08T11:55:58.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "4",
      "id_str" : "1500001078984705186",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "1500001078984705186",
      "created_at" : "Mon Jan 08 10:55:58 +0000 2024",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "spent the morning teaching the new apprentice to shape boules. she'll be better than me by spring, I can tell",
      "display_text_range" : [
        "0",
        "109"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000844103683346"
          ],
          "editableUntil" : "2023-10-18T10:56:04.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "9",
      "id_str" : "1500000844103683346",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "1500000844103683346",
      "created_at" : "Wed Oct 18 09:56:04 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "learned what a race condition is by watching two of us reach for the last tray of croissants",
      "display_text_range" : [
        "0",
        "92"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000198180864903"
          ],
          "editableUntil" : "2023-03-08T09:36:29.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [
          {
            "name" : "lena_mills",
            "screen_name" : "lena_mills",
            "indices" : [
              "0",
              "11"
            ],
            "id_str" : "1700000000000001056",
            "id" : "1700000000000001056"
          }
        ],
        "urls" : []
      },
      "favorite_count" : "14",
      "id_str" : "1500000198180864903",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "1500000198180864903",
      "created_at" : "Wed Mar 08 08:36:29 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "in_reply_to_status_id_str" : "1500000000000000099",
      "in_reply_to_status_id" : "1500000000000000099",
      "in_reply_to_user_id" : "1700000000000001056",
      "in_reply_to_user_id_str" : "1700000000000001056",
      "in_reply_to_screen_name" : "lena_mills",
      "full_text" : "@lena_mills the trick is a colder fridge, about 4°C, and patience. mostly patience",
      "display_text_range" : [
        "0",
        "82"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000190840835311"
          ],
          "editableUntil" : "2023-03-06T05:30:12.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "23",
      "id_str" : "1500000190840835311",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500000190840835311",
      "created_at" : "Mon Mar 06 04:30:12 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "the pain au levain crust crackled while cooling and a customer gasped. that's the whole job right there",
      "display_text_range" : [
        "0",
        "103"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000477102080299"
          ],
          "editableUntil" : "2023-06-13T07:51:17.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "19",
      "id_str" : "1500000477102080299",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1500000477102080299",
      "created_at" : "Tue Jun 13 06:51:17 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "lemon poppy seed muffins because the lemons looked at me like that",
      "display_text_range" : [
        "0",
        "66"
      ]
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1500000044040194197"
          ],
          "editableUntil" : "2023-01-13T22:14:59.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "favorite_count" : "23",
      "id_str" : "1500000044040194197",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "1500000044040194197",
      "created_at" : "Fri Jan 13 21:14:59 +0000 2023",
      "favorited" : false,
      "lang" : "en",
      "full_text" : "Sunday special: cardamom knots 🌀 until they're gone",
      "display_text_range" : [
        "0",
        "51"
      ]
    }
  }
]
