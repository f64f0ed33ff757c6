/*
 * lhttp.c: binding for tweeter.Http, one libcurl easy handle (boxed pointer) that does plain
 * GET requests, plus core.url_escape. Response bodies are bounded (max_body)
 * and collected in buffers owned by the userdata; no Lua code runs and nothing raises inside
 * curl callbacks.
 * Redirects are never followed, TLS verification stays on, request headers never reach an
 * error message. Depends on Lua 5.4 and libcurl.
 */
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "tweeter.h"

#if !defined(TW_HTTP_MAX_BODY)
#define TW_HTTP_MAX_BODY (64u * 1024u * 1024u)   /* default bound on a response body */
#endif
#define TW_HTTP_MAX_HEADERS (256u * 1024u)        /* bound on all response header lines */

/* A growable byte buffer; data is malloc'ed and owned by the Http box that holds it. */
typedef struct HttpBuf {
  char *data;
  size_t len, cap, max;
  int overflow;                /* set when an append would pass max; the transfer is aborted */
} HttpBuf;

typedef struct Http {
  CURL *curl;                  /* NULL once closed */
  struct curl_slist *req;      /* request headers of the current call (freed after it) */
  HttpBuf body, head;
  long timeout_ms, connect_timeout_ms;
  size_t max_body;
  char errbuf[CURL_ERROR_SIZE];
} Http;

static const char CURL_INIT_KEY = 'c';   /* registry key: address only */

/* ===== buffers ===== */

/* Appends n bytes; returns 0 when the bound or memory runs out (sets overflow or leaves it
 * clear for out-of-memory). Never raises: it runs inside curl callbacks. */
static int buf_append(HttpBuf *b, const char *p, size_t n) {
  if (n > b->max - b->len) { b->overflow = 1; return 0; }
  if (b->len + n > b->cap) {
    size_t cap = b->cap ? b->cap : 4096;
    char *nd;
    while (cap < b->len + n) cap = (cap > b->max / 2) ? b->max : cap * 2;
    nd = (char *)realloc(b->data, cap);
    if (nd == NULL) return 0;
    b->data = nd;
    b->cap = cap;
  }
  memcpy(b->data + b->len, p, n);
  b->len += n;
  return 1;
}

static void buf_free(HttpBuf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
  b->overflow = 0;
}

/* Frees what one request allocated (bodies, header list); the handle stays usable. */
static void http_release_call(Http *h) {
  buf_free(&h->body);
  buf_free(&h->head);
  if (h->req != NULL) { curl_slist_free_all(h->req); h->req = NULL; }
}

/* ===== curl callbacks (never raise) ===== */

static size_t write_cb(char *ptr, size_t size, size_t nmemb, void *ud) {
  Http *h = (Http *)ud;
  size_t n = size * nmemb;
  return buf_append(&h->body, ptr, n) ? n : 0;
}

/* Keeps only the header block of the last response: a new status line starts it over
 * (for 100 Continue and the like). */
static size_t header_cb(char *ptr, size_t size, size_t nmemb, void *ud) {
  Http *h = (Http *)ud;
  size_t n = size * nmemb;
  if (n >= 5 && memcmp(ptr, "HTTP/", 5) == 0) h->head.len = 0;
  return buf_append(&h->head, ptr, n) ? n : 0;
}

/* ===== helpers ===== */

static Http *check_http(lua_State *L, int arg) {
  Http *h = (Http *)luaL_checkudata(L, arg, TW_HTTP);
  if (h->curl == NULL) luaL_error(L, "attempt to use a closed " TW_HTTP);
  return h;
}

/* Pushes the response headers (names lower-cased) as a table; repeated names are joined with
 * ", " as HTTP allows. stack: +1 */
static void push_headers(lua_State *L, const HttpBuf *b) {
  size_t i = 0;
  lua_newtable(L);                                   /* stack: headers */
  while (i < b->len) {
    size_t end = i, colon, vs, ve, k;
    while (end < b->len && b->data[end] != '\n') end++;
    ve = end;
    if (ve > i && b->data[ve - 1] == '\r') ve--;
    colon = i;
    while (colon < ve && b->data[colon] != ':') colon++;
    if (colon < ve && colon > i) {
      luaL_Buffer name;
      vs = colon + 1;
      while (vs < ve && (b->data[vs] == ' ' || b->data[vs] == '\t')) vs++;
      while (ve > vs && (b->data[ve - 1] == ' ' || b->data[ve - 1] == '\t')) ve--;
      luaL_buffinit(L, &name);
      for (k = i; k < colon; k++) {
        char c = b->data[k];
        luaL_addchar(&name, (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c);
      }
      luaL_pushresult(&name);                        /* stack: headers, name */
      lua_pushvalue(L, -1);                          /* stack: headers, name, name */
      if (lua_rawget(L, -3) == LUA_TSTRING) {        /* stack: headers, name, old */
        lua_pushliteral(L, ", ");
        lua_pushlstring(L, b->data + vs, ve - vs);
        lua_concat(L, 3);                            /* stack: headers, name, old..", "..new */
      } else {
        lua_pop(L, 1);
        lua_pushlstring(L, b->data + vs, ve - vs);   /* stack: headers, name, value */
      }
      lua_rawset(L, -3);                             /* stack: headers */
    }
    i = end + 1;
  }
}

/* Rejects characters that would let a value split into another header line. */
static int has_crlf(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if (s[i] == '\r' || s[i] == '\n' || s[i] == '\0') return 1;
  return 0;
}

/* ===== methods ===== */

/* core.http([opts]) -> tweeter.Http. opts: timeout (ms, total, default 30000),
 * connect_timeout (ms, default 10000), max_body (bytes, default 64 MiB), user_agent.
 * Raises on bad options, or when curl cannot be initialised. */
static int http_new(lua_State *L) {
  static const char *const known[] = {"timeout", "connect_timeout", "max_body", "user_agent",
                                      NULL};
  lua_Integer timeout, connect_timeout, max_body;
  const char *agent;
  Http *h;
  if (lua_isnoneornil(L, 1)) {
    lua_settop(L, 0);
    lua_newtable(L);                                 /* stack: opts */
  } else {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
  }
  tw_check_keys(L, 1, "http", known);
  timeout = tw_opt_integer(L, 1, "http", "timeout", 30000, 1, 86400000);
  connect_timeout = tw_opt_integer(L, 1, "http", "connect_timeout", 10000, 1, 86400000);
  max_body = tw_opt_integer(L, 1, "http", "max_body", (lua_Integer)TW_HTTP_MAX_BODY, 1,
                            (lua_Integer)1 << 40);
  /* a string from the options table stays alive while opts is on the stack */
  agent = tw_opt_string(L, 1, "http", "user_agent", NULL);
  if (agent == NULL) agent = "tweeter/" TW_VERSION " (+libcurl)";
  if ((lua_Unsigned)max_body > (lua_Unsigned)((size_t)-1 / 2))
    return luaL_error(L, "bad argument #1 to 'http' (max_body too large for this platform)");
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &CURL_INIT_KEY) != LUA_TBOOLEAN)
    return luaL_error(L, "internal error: curl is not initialised");
  if (!lua_toboolean(L, -1)) return luaL_error(L, "cannot initialise libcurl");
  lua_pop(L, 1);                                     /* stack: opts */

  /* Userdata first, closed, with its metatable: a memory error below then leaks nothing. */
  h = (Http *)lua_newuserdatauv(L, sizeof(Http), 0); /* stack: opts, h */
  memset(h, 0, sizeof *h);
  luaL_setmetatable(L, TW_HTTP);
  h->timeout_ms = (long)timeout;
  h->connect_timeout_ms = (long)connect_timeout;
  h->max_body = (size_t)max_body;
  h->curl = curl_easy_init();
  if (h->curl == NULL) return luaL_error(L, "cannot create a curl handle (out of memory?)");
  curl_easy_setopt(h->curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h->curl, CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500
  curl_easy_setopt(h->curl, CURLOPT_PROTOCOLS_STR, "http,https");
#else
  curl_easy_setopt(h->curl, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
  curl_easy_setopt(h->curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h->curl, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(h->curl, CURLOPT_TIMEOUT_MS, h->timeout_ms);
  curl_easy_setopt(h->curl, CURLOPT_CONNECTTIMEOUT_MS, h->connect_timeout_ms);
  curl_easy_setopt(h->curl, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(h->curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)h->max_body);
  curl_easy_setopt(h->curl, CURLOPT_USERAGENT, agent);   /* curl copies the string */
  curl_easy_setopt(h->curl, CURLOPT_ERRORBUFFER, h->errbuf);
  curl_easy_setopt(h->curl, CURLOPT_WRITEFUNCTION, write_cb);
  curl_easy_setopt(h->curl, CURLOPT_WRITEDATA, (void *)h);
  curl_easy_setopt(h->curl, CURLOPT_HEADERFUNCTION, header_cb);
  curl_easy_setopt(h->curl, CURLOPT_HEADERDATA, (void *)h);
  return 1;
}

/* The one close function behind close, __close and __gc: idempotent, safe on a half-built
 * box. */
static void http_close_box(Http *h) {
  http_release_call(h);
  if (h->curl != NULL) {
    curl_easy_cleanup(h->curl);
    h->curl = NULL;
  }
}

static int http_close(lua_State *L) {
  Http *h = (Http *)luaL_checkudata(L, 1, TW_HTTP);
  http_close_box(h);
  return 0;
}

static int http_gc(lua_State *L) {
  return http_close(L);
}

static int http_tostring(lua_State *L) {
  Http *h = (Http *)luaL_checkudata(L, 1, TW_HTTP);
  if (h->curl == NULL)
    lua_pushliteral(L, TW_HTTP " (closed)");
  else
    lua_pushfstring(L, TW_HTTP " (%p)", (void *)h);
  return 1;
}

/* Names a transport failure with a short kind the Lua layer reports and retries on:
 * "timeout", "connect" (refused, unreachable), "dns", "tls", "dropped", "too_large", "other". */
static const char *error_kind(CURLcode rc, const Http *h) {
  if (h->body.overflow || h->head.overflow || rc == CURLE_FILESIZE_EXCEEDED) return "too_large";
  switch (rc) {
    case CURLE_OPERATION_TIMEDOUT: return "timeout";
    case CURLE_COULDNT_CONNECT: return "connect";
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY: return "dns";
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH: return "tls";
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING: return "dropped";
    default: return "other";
  }
}

/* h:get(url[, headers]) -> status, body, headers (names lower-cased)
 *                       | nil, message, kind   (transport failure: see error_kind)
 * Any HTTP status is a result, not a failure; 3xx is returned as is (redirects are not
 * followed). Raises on bad arguments or a closed handle. The message names the host path
 * but never a request header. */
static int http_get(lua_State *L) {
  Http *h = check_http(L, 1);
  size_t ulen;
  const char *url = luaL_checklstring(L, 2, &ulen);
  CURLcode rc;
  long status = 0;
  luaL_argcheck(L, !has_crlf(url, ulen) && ulen > 0, 2, "invalid URL");
  luaL_argcheck(L, strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0, 2,
                "URL must start with http:// or https://");
  if (!lua_isnoneornil(L, 3)) luaL_checktype(L, 3, LUA_TTABLE);
  lua_settop(L, 3);
  http_release_call(h);          /* whatever a call that raised halfway left behind */

  /* Validate the headers before anything is allocated. */
  if (!lua_isnil(L, 3)) {
    lua_pushnil(L);                                  /* stack: h, url, hdrs, nil */
    while (lua_next(L, 3) != 0) {                    /* stack: h, url, hdrs, k, v */
      size_t kl, vl;
      const char *k, *v;
      if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TSTRING)
        return luaL_argerror(L, 3, "header names and values must be strings");
      k = lua_tolstring(L, -2, &kl);
      v = lua_tolstring(L, -1, &vl);
      if (kl == 0 || has_crlf(k, kl) || has_crlf(v, vl) || memchr(k, ':', kl) != NULL)
        return luaL_argerror(L, 3, "invalid header name or value");
      lua_pop(L, 1);                                 /* stack: h, url, hdrs, k */
    }
  }
  /* Build the header list; it is owned by h (freed by the next call or close), so a memory
   * error while building it strands nothing. */
  if (!lua_isnil(L, 3)) {
    lua_pushnil(L);
    while (lua_next(L, 3) != 0) {                    /* stack: h, url, hdrs, k, v */
      struct curl_slist *n;
      lua_pushfstring(L, "%s: %s", lua_tostring(L, -2), lua_tostring(L, -1));
      n = curl_slist_append(h->req, lua_tostring(L, -1));
      if (n == NULL) return luaL_error(L, "not enough memory");
      h->req = n;
      lua_pop(L, 2);                                 /* stack: h, url, hdrs, k */
    }
  }
  h->body.max = h->max_body;
  h->head.max = TW_HTTP_MAX_HEADERS;
  h->errbuf[0] = '\0';
  curl_easy_setopt(h->curl, CURLOPT_URL, url);
  curl_easy_setopt(h->curl, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, h->req);
  rc = curl_easy_perform(h->curl);
  curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, (struct curl_slist *)NULL);
  if (h->req != NULL) { curl_slist_free_all(h->req); h->req = NULL; }

  if (rc != CURLE_OK) {
    const char *kind = error_kind(rc, h);
    luaL_pushfail(L);
    if (strcmp(kind, "too_large") == 0)
      lua_pushfstring(L, "response body larger than %I bytes (max_body)",
                      (lua_Integer)h->max_body);
    else if (h->errbuf[0] != '\0')
      lua_pushfstring(L, "%s", h->errbuf);
    else
      lua_pushstring(L, curl_easy_strerror(rc));
    lua_pushstring(L, kind);
    http_release_call(h);
    return 3;
  }
  curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &status);
  lua_pushinteger(L, (lua_Integer)status);
  lua_pushlstring(L, h->body.data ? h->body.data : "", h->body.len);
  push_headers(L, &h->head);
  http_release_call(h);
  return 3;
}

/* core.url_escape(s) -> s with every byte outside RFC 3986's unreserved set
 * (A-Z a-z 0-9 - . _ ~) written as %XX (upper-case hex). */
static int http_url_escape(lua_State *L) {
  static const char hex[] = "0123456789ABCDEF";
  size_t n, i;
  const char *s = luaL_checklstring(L, 1, &n);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
        c == '-' || c == '.' || c == '_' || c == '~') {
      luaL_addchar(&b, (char)c);
    } else {
      luaL_addchar(&b, '%');
      luaL_addchar(&b, hex[c >> 4]);
      luaL_addchar(&b, hex[c & 15]);
    }
  }
  luaL_pushresult(&b);
  return 1;
}

static const luaL_Reg http_methods[] = {
  {"get", http_get},
  {"close", http_close},
  {NULL, NULL}
};

static const luaL_Reg http_meta[] = {
  {"__index", NULL},
  {"__gc", http_gc},
  {"__close", http_close},
  {"__tostring", http_tostring},
  {NULL, NULL}
};

static const luaL_Reg http_funcs[] = {
  {"http", http_new},
  {"url_escape", http_url_escape},
  {NULL, NULL}
};

void tw_open_http(lua_State *L) {
  /* curl_global_init once per Lua state; its result is kept for http_new to report. */
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &CURL_INIT_KEY) == LUA_TNIL) {  /* stack: core, nil */
    lua_pushboolean(L, curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &CURL_INIT_KEY);
  }
  lua_pop(L, 1);                                     /* stack: core */
  luaL_newmetatable(L, TW_HTTP);                     /* stack: core, mt */
  luaL_setfuncs(L, http_meta, 0);
  luaL_newlibtable(L, http_methods);                 /* stack: core, mt, methods */
  luaL_setfuncs(L, http_methods, 0);
  lua_setfield(L, -2, "__index");                    /* stack: core, mt */
  lua_pop(L, 1);                                     /* stack: core */
  luaL_setfuncs(L, http_funcs, 0);
}
