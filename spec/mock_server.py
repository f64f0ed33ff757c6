#!/usr/bin/env python3
"""Loopback mock of the X API v2, Mastodon and the Bluesky AppView, for the fetch specs.

Listens on 127.0.0.1, port 0; prints "<port> <pid>" as its first stdout line. Scenarios are
chosen by the handle asked for (see USERS below) or by path (/http/...). Control endpoints:
/_reset (forget counters, log and state), /_set?k=v (state), /_log (requests seen, JSON), /_state (the state, JSON),
/_quit. Exits on SIGTERM, when its parent dies, or after LIFETIME seconds. Stdlib only; all
posts are invented.
"""
import json
import os
import signal
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

LIFETIME = float(os.environ.get('MOCK_LIFETIME', '600'))
TOKEN = 'mock-bearer-AAAA%2Bsecret%3D'   # what the X routes accept as the bearer token
LOCK = threading.Lock()
COUNTERS = {}
STATE = {}
LOG = []


def count(key):
    with LOCK:
        COUNTERS[key] = COUNTERS.get(key, 0) + 1
        return COUNTERS[key]


# ===== invented data =====

X_BASE_ID = 1800000000000000000   # ids above 2^53: a float-based decoder would corrupt them


def x_posts(handle, n):
    """n posts, newest first; every 10th a retweet, every 7th a reply to someone else,
    every 11th a self-reply, one long post with note_tweet, entities in some."""
    uid = x_user_id(handle)
    out = []
    for i in range(n, 0, -1):
        pid = str(X_BASE_ID + i * 1000 + 7)
        t = {
            'id': pid,
            'text': 'post %d by %s: bread &amp; code &lt;3' % (i, handle),
            'created_at': '2024-%02d-%02dT%02d:%02d:00.000Z' % (1 + i % 12, 1 + i % 28, i % 24, i % 60),
            'edit_history_tweet_ids': [pid],
        }
        if i % 10 == 0:
            t['text'] = 'RT @someone_else: a retweeted thing %d' % i
            t['referenced_tweets'] = [{'type': 'retweeted', 'id': str(X_BASE_ID + 5)}]
        elif i % 7 == 0:
            t['text'] = '@someone_else reply number %d' % i
            t['in_reply_to_user_id'] = '1700000000000000777'
            t['referenced_tweets'] = [{'type': 'replied_to', 'id': str(X_BASE_ID + 3)}]
        elif i % 11 == 0:
            t['text'] = 'thread continues %d' % i
            t['in_reply_to_user_id'] = uid
            t['referenced_tweets'] = [{'type': 'replied_to', 'id': str(X_BASE_ID + (i + 1) * 1000 + 7)}]
        elif i == 3:
            t['text'] = 'a long post that was cut short by the API at two hundred and eighty characters…'
            t['note_tweet'] = {'text': 'a long post that was cut short by the API at two hundred and '
                                       'eighty characters, but here it is whole: ' + 'flour ' * 60 + 'the end'}
        elif i == 5:
            t['text'] = 'new loaf recipe https://t.co/AbCdEf1234'
            t['entities'] = {'urls': [{'start': 16, 'end': 39, 'url': 'https://t.co/AbCdEf1234',
                                       'expanded_url': 'https://blog.example.org/loaf'}]}
        out.append(t)
    return out


def x_user_id(handle):
    return str(1700000000000000000 + sum(ord(c) for c in handle) * 7)


X_COUNTS = {'baker': 250, 'prolific': 3500, 'emptyone': 0, 'shortpages': 30, 'ratelimited': 150,
            'ratelimit_far': 150, 'ratelimit_v11': 150, 'ratelimit_bare': 150, 'usage_capped': 150,
            'flaky': 150, 'dropper': 450, 'stall': 150, 'badjson': 150, 'looping': 150,
            'protected_one': 10, 'suspended_tl': 10, 'forbidden': 10, 'gone_bad': 10,
            'echo400': 10, 'echo403': 10, 'echo429': 10, 'echocursor': 10}


# ===== handler =====

class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, *args):
        pass

    def send_json(self, status, obj, headers=None, raw=None):
        body = raw if raw is not None else json.dumps(obj).encode()
        self.send_response(status)
        self.send_header('Content-Type', 'application/json; charset=utf-8')
        self.send_header('Content-Length', str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def send_half(self, obj):
        """Promise a JSON body and send half of it; the caller then cuts the connection."""
        body = json.dumps(obj).encode()
        self.send_response(200)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body[:len(body) // 2])
        self.wfile.flush()
        self.close_connection = True

    def drop_mid_body(self, obj):
        """Promise a body, send half of it, then cut the connection."""
        self.send_half(obj)
        try:
            self.connection.shutdown(2)
        except OSError:
            pass

    def stall(self):
        time.sleep(float(STATE.get('stall', '3')))
        try:
            self.send_json(200, {'late': True})
        except OSError:
            pass

    def do_GET(self):
        url = urlsplit(self.path)
        q = {k: v[-1] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
        path = url.path
        with LOCK:
            LOG.append({'path': path, 'query': q,
                        'auth': 'yes' if self.headers.get('Authorization') else 'no'})
        try:
            if path.startswith('/_'):
                return self.control(path, q)
            if STATE.get('force'):
                return self.forced(STATE['force'])
            if path.startswith('/http/'):
                return self.generic(path, q)
            if path.startswith('/2/'):
                return self.x(path, q)
            if path.startswith('/api/v1/'):
                return self.mastodon(path, q)
            if path.startswith('/xrpc/'):
                return self.bluesky(path, q)
            self.send_json(404, {'error': 'no such route'})
        except (BrokenPipeError, ConnectionResetError):
            pass

    def forced(self, how):
        """Every non-control route misbehaves the same way (_set?force=...): 'redirect' (to
        itself, a loop), '503' (a 5xx storm), 'reset' (half a body, then a TCP RST)."""
        if how == 'redirect':
            self.send_response(302)
            self.send_header('Location', self.path)
            self.send_header('Content-Length', '0')
            self.end_headers()
            return None
        if how == 'reset':
            self.send_half({'data': ['x' * 100] * 100})
            # linger 0: close() sends RST instead of FIN
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
            self.connection.close()
            return None
        return self.send_json(int(how), {'error': 'forced status %s' % how})

    # ----- control -----
    def control(self, path, q):
        if path == '/_reset':
            with LOCK:
                COUNTERS.clear(); STATE.clear(); LOG.clear()
            return self.send_json(200, {'ok': True})
        if path == '/_set':
            with LOCK:
                STATE.update(q)
            return self.send_json(200, {'ok': True})
        if path == '/_state':
            with LOCK:
                return self.send_json(200, dict(STATE))
        if path == '/_log':
            with LOCK:
                return self.send_json(200, list(LOG))
        if path == '/_quit':
            self.send_json(200, {'ok': True})
            threading.Thread(target=self.server.shutdown, daemon=True).start()
            return None
        return self.send_json(404, {'error': 'unknown control'})

    # ----- generic HTTP behaviours for the tweeter.Http specs -----
    def generic(self, path, q):
        name = path[len('/http/'):]
        if name == 'ok':
            return self.send_json(200, {'hello': 'world', 'big_id': 1800000000000000203},
                                  headers={'X-Mixed-Case': 'Yes', 'Link': '<a>; rel="next"'})
        if name == 'echo':
            hdrs = {k.lower(): v for k, v in self.headers.items()}
            return self.send_json(200, {'headers': hdrs, 'query': q})
        if name == 'dup':
            self.send_response(200)
            self.send_header('Content-Length', '2')
            self.send_header('Set-Thing', 'one')
            self.send_header('SET-THING', 'two')
            self.end_headers()
            return self.wfile.write(b'ok')
        if name == 'status':
            code = int(q.get('code', '200'))
            return self.send_json(code, {'status': code})
        if name == 'stall':
            return self.stall()
        if name == 'drop':
            return self.drop_mid_body({'data': ['x' * 100] * 100})
        if name == 'huge':
            size = int(q.get('mb', '8')) * 1024 * 1024
            self.send_response(200)
            self.send_header('Content-Type', 'application/octet-stream')
            if q.get('chunked') == '1':
                self.send_header('Transfer-Encoding', 'chunked')
                self.end_headers()
                chunk = b'a' * 65536
                sent = 0
                try:
                    while sent < size:
                        self.wfile.write(b'%x\r\n%s\r\n' % (len(chunk), chunk))
                        sent += len(chunk)
                    self.wfile.write(b'0\r\n\r\n')
                except OSError:
                    pass
                with LOCK:
                    STATE['huge_sent'] = str(sent)   # how much went out before the client hung up
                self.close_connection = True
                return None
            self.send_header('Content-Length', str(size))
            self.end_headers()
            try:
                chunk = b'a' * 65536
                for _ in range(size // 65536):
                    self.wfile.write(chunk)
            except OSError:
                pass
            return None
        if name == 'redirect':
            self.send_response(302)
            self.send_header('Location', '/http/redirect')
            self.send_header('Content-Length', '0')
            self.end_headers()
            return None
        if name == 'flaky':
            if count('flaky:' + q.get('key', '')) == 1:
                return self.send_json(503, {'error': 'try again'})
            return self.send_json(200, {'ok': True})
        if name == 'ratelimit':
            n = count('rl:' + q.get('key', ''))
            if n <= int(q.get('times', '1')):
                hdrs = {}
                if q.get('reset'):
                    hdrs['x-rate-limit-reset'] = q['reset']
                if q.get('retry_after'):
                    hdrs['Retry-After'] = q['retry_after']
                if q.get('iso'):
                    hdrs['X-RateLimit-Reset'] = q['iso']
                return self.send_json(429, {'error': 'Too many requests'}, headers=hdrs)
            return self.send_json(200, {'ok': True, 'after': n})
        return self.send_json(404, {'error': 'unknown'})

    # ----- X API v2 -----
    def x_headers(self, remaining=99, reset=None):
        return {'x-rate-limit-limit': '100', 'x-rate-limit-remaining': str(remaining),
                'x-rate-limit-reset': str(int(reset if reset else time.time() + 900))}

    def x(self, path, q):
        if self.headers.get('Authorization') != 'Bearer ' + TOKEN:
            return self.send_json(401, {'title': 'Unauthorized', 'type': 'about:blank',
                                        'status': 401, 'detail': 'Unauthorized'})
        parts = path.strip('/').split('/')
        if parts[:4] == ['2', 'users', 'by', 'username'] and len(parts) == 5:
            return self.x_lookup(parts[4])
        if parts[:2] == ['2', 'users'] and len(parts) == 4 and parts[3] == 'tweets':
            return self.x_timeline(parts[2], q)
        return self.send_json(404, {'title': 'Not Found Error', 'type': 'about:blank'})

    def x_lookup(self, handle):
        import re
        if not re.match(r'^[A-Za-z0-9_]{1,15}$', handle):
            return self.send_json(400, {
                'errors': [{'parameters': {'username': [handle]},
                            'message': 'The `username` query parameter value [%s] does not match ^[A-Za-z0-9_]{1,15}$' % handle}],
                'title': 'Invalid Request', 'detail': 'One or more parameters to your request was invalid.',
                'type': 'https://api.twitter.com/2/problems/invalid-request'})
        if handle == 'suspended_one':
            return self.send_json(200, {'errors': [{
                'value': handle, 'detail': 'User has been suspended: [%s].' % handle, 'title': 'Forbidden',
                'resource_type': 'user', 'parameter': 'username', 'resource_id': handle,
                'type': 'https://api.twitter.com/2/problems/resource-not-found'}]}, self.x_headers())
        if handle not in X_COUNTS:
            return self.send_json(200, {'errors': [{
                'value': handle, 'detail': 'Could not find user with username: [%s].' % handle,
                'title': 'Not Found Error', 'resource_type': 'user', 'parameter': 'username',
                'resource_id': handle, 'type': 'https://api.twitter.com/2/problems/resource-not-found'}]},
                self.x_headers())
        # a server that quotes the request's Authorization header back: as it came, and
        # percent-decoded (so that only its 'Bearer ' prefix gives it away)
        auth = self.headers.get('Authorization', '')
        if handle == 'echo400':
            return self.send_json(400, {
                'errors': [{'message': 'header not allowed: Authorization: %s' % auth}],
                'title': 'Invalid Request', 'type': 'https://api.twitter.com/2/problems/invalid-request'})
        if handle == 'echo403':
            return self.send_json(403, {'title': 'Forbidden', 'type': 'about:blank',
                                        'detail': 'no access for %s' % unquote(auth)})
        if handle == 'echo429':
            return self.send_json(429, {'title': 'UsageCapExceeded', 'detail': 'cap reached for %s' % auth,
                                        'type': 'https://api.twitter.com/2/problems/usage-capped'})
        if handle == 'forbidden':
            return self.send_json(403, {
                'client_id': '12345678', 'title': 'Client Forbidden', 'reason': 'client-not-enrolled',
                'required_enrollment': 'Appropriate Level of API Access',
                'registration_url': 'https://developer.twitter.com/en/docs/projects/overview',
                'detail': 'When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project. You can create a project via the developer portal.',
                'type': 'https://api.twitter.com/2/problems/client-forbidden'})
        return self.send_json(200, {'data': {'id': x_user_id(handle), 'name': handle.title(),
                                             'username': handle, 'protected': handle == 'protected_one'}},
                              self.x_headers())

    def x_timeline(self, uid, q):
        handle = next((h for h in X_COUNTS if x_user_id(h) == uid), None)
        if handle is None:
            return self.send_json(200, {'errors': [{
                'value': uid, 'detail': 'Could not find user with id: [%s].' % uid, 'title': 'Not Found Error',
                'resource_type': 'user', 'parameter': 'id', 'resource_id': uid,
                'type': 'https://api.twitter.com/2/problems/resource-not-found'}]})
        mr = q.get('max_results', '10')
        if not mr.isdigit() or not 5 <= int(mr) <= 100:
            return self.send_json(400, {
                'errors': [{'parameters': {'max_results': [mr]},
                            'message': 'The `max_results` query parameter value [%s] is not between 5 and 100' % mr}],
                'title': 'Invalid Request', 'detail': 'One or more parameters to your request was invalid.',
                'type': 'https://api.twitter.com/2/problems/invalid-request'})
        mr = int(mr)
        if handle == 'protected_one':
            return self.send_json(200, {'errors': [{
                'value': uid, 'detail': 'Sorry, you are not authorized to see the user with id: [%s].' % uid,
                'title': 'Authorization Error', 'resource_type': 'user', 'parameter': 'id', 'resource_id': uid,
                'type': 'https://api.twitter.com/2/problems/not-authorized-for-resource'}]})
        if handle == 'suspended_tl':
            return self.send_json(200, {'errors': [{
                'value': uid, 'detail': 'User has been suspended: [%s].' % uid, 'title': 'Forbidden',
                'resource_type': 'user', 'parameter': 'id', 'resource_id': uid,
                'type': 'https://api.twitter.com/2/problems/resource-not-found'}]})
        if handle == 'usage_capped':
            return self.send_json(429, {
                'account_id': '0000000000', 'product_name': 'standard-basic', 'title': 'UsageCapExceeded',
                'period': 'Monthly', 'scope': 'Product', 'detail': 'Usage cap exceeded: Monthly product cap',
                'type': 'https://api.twitter.com/2/problems/usage-capped'}, self.x_headers(remaining=39999))
        if handle == 'badjson':
            return self.send_json(200, None, raw=b'{"data": [{"id": "1", "text": "unterminated')
        if handle == 'stall':
            return self.stall()
        if handle == 'echocursor':   # the header comes back as the next page's cursor, every page
            return self.send_json(200, {'data': x_posts(handle, 5), 'meta': {
                'result_count': 5, 'next_token': self.headers.get('Authorization', '')}}, self.x_headers())
        token = q.get('pagination_token')
        page = 0
        if token:
            if not token.startswith('tok') or not token[3:].isdigit():
                return self.send_json(400, {
                    'errors': [{'parameters': {'pagination_token': [token]},
                                'message': 'The `pagination_token` query parameter value [%s] is not valid' % token}],
                    'title': 'Invalid Request', 'type': 'https://api.twitter.com/2/problems/invalid-request'})
            page = int(token[3:])
        if handle == 'ratelimited' and page == 1 and count('x429:' + handle) == 1:
            return self.send_json(429, {'title': 'Too Many Requests', 'type': 'about:blank', 'status': 429,
                                        'detail': 'Too Many Requests'},
                                  self.x_headers(remaining=0, reset=time.time() + int(STATE.get('reset_in', '30'))))
        if handle == 'ratelimit_far':
            return self.send_json(429, {'title': 'Too Many Requests', 'type': 'about:blank', 'status': 429,
                                        'detail': 'Too Many Requests'},
                                  self.x_headers(remaining=0, reset=time.time() + 3600))
        if handle == 'ratelimit_v11' and count('x429:' + handle) == 1:
            return self.send_json(429, {'errors': [{'code': 88, 'message': 'Rate limit exceeded'}]})
        if handle == 'ratelimit_bare':
            return self.send_json(429, {'errors': [{'code': 88, 'message': 'Rate limit exceeded'}]})
        if handle == 'flaky' and page == 1 and count('x503:' + handle) == 1:
            return self.send_json(503, {'title': 'Service Unavailable', 'status': 503})
        if handle == 'gone_bad':
            return self.send_json(500, {'title': 'Internal Error', 'status': 500})

        posts = x_posts(handle, X_COUNTS[handle])[:3200]   # the history cap
        excl = set(filter(None, q.get('exclude', '').split(',')))
        if 'retweets' in excl:
            posts = [p for p in posts if not any(r['type'] == 'retweeted' for r in p.get('referenced_tweets', []))]
        if 'replies' in excl:
            posts = [p for p in posts if 'in_reply_to_user_id' not in p]
        key = lambda i: (len(i), i)
        if q.get('since_id'):
            posts = [p for p in posts if key(p['id']) > key(q['since_id'])]
        if q.get('until_id'):
            posts = [p for p in posts if key(p['id']) < key(q['until_id'])]
        fields = set(q.get('tweet.fields', '').split(','))
        shaped = []
        for p in posts:
            p = dict(p)
            if 'note_tweet' not in fields:
                p.pop('note_tweet', None)
            if 'created_at' not in fields:
                p.pop('created_at', None)
            shaped.append(p)
        posts = shaped
        if handle == 'shortpages':
            # page sizes 7, 0 (with a next_token), 3, 20: short and empty pages mid-stream
            sizes = [7, 0, 3, 20]
            start = sum(sizes[:page])
            chunk = posts[start:start + sizes[page]] if page < len(sizes) else []
            more = page + 1 < len(sizes) and start + sizes[page] < len(posts)
        else:
            start = page * mr
            chunk = posts[start:start + mr]
            more = start + mr < len(posts)
        if handle == 'dropper' and page == 2 and STATE.get('drop') == '1':
            return self.drop_mid_body({'data': chunk})
        body = {'meta': {'result_count': len(chunk)}}
        if chunk:
            body['data'] = chunk
            body['meta']['newest_id'] = chunk[0]['id']
            body['meta']['oldest_id'] = chunk[-1]['id']
        if handle == 'looping':
            body['meta']['next_token'] = 'tok1'
        elif more:
            body['meta']['next_token'] = 'tok%d' % (page + 1)
        return self.send_json(200, body, self.x_headers())

    # ----- Mastodon -----
    def mastodon(self, path, q):
        parts = path.strip('/').split('/')
        if parts[:4] == ['api', 'v1', 'accounts', 'lookup']:
            acct = q.get('acct', '').lstrip('@').split('@')[0]
            if acct == 'locked_api':
                return self.send_json(401, {'error': 'This API requires an authenticated user'})
            if acct not in M_COUNTS:
                return self.send_json(404, {'error': 'Record not found'})
            acc = {'id': m_account_id(acct), 'username': acct, 'acct': acct, 'display_name': acct.title(),
                   'locked': False, 'statuses_count': M_COUNTS[acct]}
            if acct == 'suspended':
                acc['suspended'] = True
            return self.send_json(200, acc)
        if len(parts) == 5 and parts[:3] == ['api', 'v1', 'accounts'] and parts[4] == 'statuses':
            aid = parts[3]
            acct = next((a for a in M_COUNTS if m_account_id(a) == aid), None)
            if acct is None:
                return self.send_json(404, {'error': 'Record not found'})
            reset_iso = time.strftime('%Y-%m-%dT%H:%M:%S.000000Z', time.gmtime(time.time() + int(STATE.get('reset_in', '20'))))
            rl = {'X-RateLimit-Limit': '300', 'X-RateLimit-Remaining': '299', 'X-RateLimit-Reset': reset_iso}
            if acct == 'ratelimited' and q.get('max_id') and count('m429') == 1:
                rl['X-RateLimit-Remaining'] = '0'
                return self.send_json(429, {'error': 'Too many requests'}, rl)
            if acct == 'flaky' and count('m503') == 1:
                return self.send_json(503, {'error': 'Remote data could not be fetched'})
            if acct == 'badjson':
                return self.send_json(200, None, raw=b'[{"id": "1", "content": "<p>oops</p>"')
            if acct == 'dropper' and q.get('max_id') and STATE.get('drop') == '1':
                return self.drop_mid_body([])
            limit = min(int(q.get('limit', '20')), 40)
            sts = [] if acct == 'suspended' else m_statuses(acct, M_COUNTS[acct])
            key = lambda i: (len(i), i)
            if q.get('exclude_reblogs') == 'true':
                sts = [s for s in sts if s['reblog'] is None]
            if q.get('exclude_replies') == 'true':
                sts = [s for s in sts if s['in_reply_to_id'] is None or s['in_reply_to_account_id'] == aid]
            if q.get('max_id') and acct != 'looping':
                sts = [s for s in sts if key(s['id']) < key(q['max_id'])]
            if q.get('since_id'):
                sts = [s for s in sts if key(s['id']) > key(q['since_id'])]
            page = sts[:limit]
            base = 'http://%s/api/v1/accounts/%s/statuses' % (self.headers.get('Host'), aid)
            keep = '&'.join('%s=%s' % (k, q[k]) for k in ('exclude_reblogs', 'exclude_replies', 'since_id') if k in q)
            links = []
            if len(page) == limit and page:
                links.append('<%s?limit=%d&%s&max_id=%s>; rel="next"' % (base, limit, keep, page[-1]['id']))
            if page:
                links.append('<%s?limit=%d&%s&min_id=%s>; rel="prev"' % (base, limit, keep, page[0]['id']))
            if acct == 'looping':
                links = ['<%s?limit=%d&max_id=999>; rel="next"' % (base, limit)]
            if links:
                rl['Link'] = ', '.join(links)
            return self.send_json(200, page, rl)
        return self.send_json(404, {'error': 'Record not found'})

    # ----- Bluesky -----
    def bluesky(self, path, q):
        method = path[len('/xrpc/'):]
        actor = q.get('actor') or q.get('handle') or ''
        name = B_DIDS.get(actor, actor)
        if method == 'com.atproto.identity.resolveHandle':
            if name not in B_COUNTS:
                return self.send_json(400, {'error': 'InvalidRequest', 'message': 'Unable to resolve handle'})
            return self.send_json(200, {'did': b_did(name)})
        if method == 'app.bsky.actor.getProfile':
            if name not in B_COUNTS:
                return self.send_json(400, {'error': 'InvalidRequest', 'message': 'Profile not found'})
            return self.send_json(200, {'did': b_did(name), 'handle': name, 'displayName': name.split('.')[0].title(),
                                        'postsCount': B_COUNTS[name]})
        if method == 'app.bsky.feed.getAuthorFeed':
            if name not in B_COUNTS:
                return self.send_json(400, {'error': 'InvalidRequest', 'message': 'Profile not found'})
            limit = q.get('limit', '50')
            if not limit.isdigit() or not 1 <= int(limit) <= 100:
                return self.send_json(400, {'error': 'InvalidRequest', 'message': 'limit must be between 1 and 100'})
            limit = int(limit)
            cursor = q.get('cursor')
            if name == 'ratelimited.bsky.social' and cursor and count('b429') == 1:
                return self.send_json(429, {'error': 'RateLimitExceeded', 'message': 'Rate Limit Exceeded'}, {
                    'RateLimit-Limit': '3000', 'RateLimit-Remaining': '0',
                    'RateLimit-Reset': str(int(time.time()) + int(STATE.get('reset_in', '40'))),
                    'RateLimit-Policy': '3000;w=300'})
            if name == 'flaky.bsky.social' and count('b502') == 1:
                return self.send_json(502, {'error': 'UpstreamFailure', 'message': 'upstream failed'})
            if name == 'htmlerr.bsky.social' and cursor:
                body = b'<html><body><h1>400 Bad Request</h1></body></html>'
                self.send_response(400)
                self.send_header('Content-Type', 'text/html')
                self.send_header('Content-Length', str(len(body)))
                self.end_headers()
                return self.wfile.write(body)
            if name == 'dropper.bsky.social' and cursor and STATE.get('drop') == '1':
                return self.drop_mid_body({'feed': []})
            items = b_feed(name, B_COUNTS[name])
            if q.get('filter') == 'posts_no_replies':
                items = [it for it in items if 'reply' not in it['post']['record']]
            if q.get('includePins') == 'true':
                items = [b_pinned(name)] + items
            if name == 'shorty.bsky.social':
                # pages of 4, 0, 2 and the rest, every one but the last with a cursor
                pages = [(0, 4), (4, 4), (4, 6), (6, len(items))]
                k = int(cursor[1:]) if cursor else 0
                a, b = pages[k] if k < len(pages) else (0, 0)
                body = {'feed': items[a:b]}
                if k + 1 < len(pages):
                    body['cursor'] = 's%d' % (k + 1)
                return self.send_json(200, body)
            start = int(cursor[1:]) if cursor else 0
            chunk = items[start:start + limit]
            body = {'feed': chunk}
            if start + limit < len(items):
                body['cursor'] = 'c%d' % (start + limit)
            if name == 'loop.bsky.social':
                body['cursor'] = 'c1'
            return self.send_json(200, body)
        return self.send_json(400, {'error': 'MethodNotImplemented', 'message': 'no such method'})


# ===== Mastodon data =====

M_COUNTS = {'alice': 95, 'emptyacct': 0, 'suspended': 5, 'ratelimited': 60, 'flaky': 10, 'badjson': 5,
            'dropper': 100, 'looping': 45}


def m_account_id(acct):
    return str(109876543210000000 + sum(ord(c) for c in acct))


def m_statuses(acct, n):
    aid = m_account_id(acct)
    out = []
    for i in range(n, 0, -1):
        sid = str(112345678900000000 + i * 100)
        content = '<p>toot %d from %s &amp; friends</p>' % (i, acct)
        st = {'id': sid, 'created_at': '2024-05-02T08:%02d:%02d.104Z' % (i % 60, i % 60),
              'in_reply_to_id': None, 'in_reply_to_account_id': None, 'spoiler_text': '',
              'visibility': 'public', 'reblog': None, 'content': content,
              'account': {'id': aid, 'username': acct, 'acct': acct}}
        if i % 9 == 0:
            st['content'] = ''
            st['reblog'] = {'id': '1', 'content': '<p>someone else wrote this</p>',
                            'account': {'id': '42', 'username': 'other', 'acct': 'other@else.example'}}
        elif i % 8 == 0:
            st['in_reply_to_id'] = '1'
            st['in_reply_to_account_id'] = '42'
            st['content'] = '<p><span class="h-card"><a href="https://else.example/@other" class="u-url mention">@<span>other</span></a></span> reply %d</p>' % i
        elif i == 2:
            st['content'] = ('<p>Sourdough day. Starter is &quot;alive&quot; &amp; loud.<br />Next: '
                             '<a href="https://blog.example.org/bread" rel="nofollow noopener noreferrer" target="_blank">'
                             '<span class="invisible">https://</span><span class="ellipsis">blog.example.org/bre</span>'
                             '<span class="invisible">ad</span></a></p><p>'
                             '<a href="https://social.example/tags/baking" class="mention hashtag" rel="tag">#<span>baking</span></a>'
                             ' it&#39;s &lt;fine&gt;</p>')
        out.append(st)
    return out


# ===== Bluesky data =====

B_COUNTS = {'alice.bsky.social': 130, 'empty.bsky.social': 0, 'ratelimited.bsky.social': 150,
            'flaky.bsky.social': 20, 'htmlerr.bsky.social': 150, 'shorty.bsky.social': 20,
            'loop.bsky.social': 150, 'dropper.bsky.social': 350}


def b_did(name):
    return 'did:plc:' + (name.split('.')[0] + 'zzzzzzzzzzzzzzzzzzzzzzzz')[:24]


B_DIDS = {b_did(n): n for n in B_COUNTS}
B32 = '234567abcdefghijklmnopqrstuvwxyz'


def b_tid(i):
    """A 13-character TID-like record key that sorts like i."""
    n = 1700000000000000 + i * 1000
    s = ''
    for _ in range(13):
        s = B32[n % 32] + s
        n //= 32
    return s


def b_feed(name, n):
    did = b_did(name)
    out = []
    for i in range(n, 0, -1):
        uri = 'at://%s/app.bsky.feed.post/%s' % (did, b_tid(i))
        rec = {'$type': 'app.bsky.feed.post', 'text': 'skeet %d from %s 🍞 naïve café' % (i, name.split('.')[0]),
               'createdAt': '2024-05-02T08:%02d:13.104Z' % (i % 60)}
        item = {'post': {'uri': uri, 'cid': 'bafy%d' % i, 'author': {'did': did, 'handle': name},
                         'record': rec, 'indexedAt': rec['createdAt']}}
        if i % 10 == 0:
            other = 'did:plc:otherotherotherotherothe'
            item['post']['uri'] = 'at://%s/app.bsky.feed.post/%s' % (other, b_tid(i))
            item['post']['author'] = {'did': other, 'handle': 'bob.example.com'}
            item['post']['record'] = {'$type': 'app.bsky.feed.post', 'text': "someone else's post %d" % i,
                                      'createdAt': rec['createdAt']}
            item['reason'] = {'$type': 'app.bsky.feed.defs#reasonRepost', 'by': {'did': did, 'handle': name}}
        elif i % 6 == 0:
            rec['text'] = '@bob.example.com replying %d' % i
            rec['reply'] = {'root': {'uri': 'at://x/y/1', 'cid': 'c'}, 'parent': {'uri': 'at://x/y/1', 'cid': 'c'}}
            item['reply'] = {'root': {}, 'parent': {}}
        elif i == 4:
            rec['text'] = 'Recipe: blog.example.org/bread… 🥖'
            rec['facets'] = [{'index': {'byteStart': 8, 'byteEnd': 33},
                              'features': [{'$type': 'app.bsky.richtext.facet#link',
                                            'uri': 'https://blog.example.org/bread-and-compilers'}]}]
        out.append(item)
    return out


def b_pinned(name):
    did = b_did(name)
    return {'post': {'uri': 'at://%s/app.bsky.feed.post/%s' % (did, b_tid(1)), 'cid': 'pin',
                     'author': {'did': did, 'handle': name},
                     'record': {'$type': 'app.bsky.feed.post', 'text': 'pinned post',
                                'createdAt': '2024-01-01T00:00:00.000Z'}},
            'reason': {'$type': 'app.bsky.feed.defs#reasonPin'}}


# ===== lifetime =====

def watchdog(server, parent):
    """Exit when the parent dies, when it closes our stdout (a heartbeat newline then fails:
    the parent is gone or waiting for us in pclose), or after LIFETIME seconds."""
    start = time.time()
    while True:
        time.sleep(0.5)
        if os.getppid() != parent or time.time() - start > LIFETIME:
            os._exit(0)
        try:
            sys.stdout.write('\n')
            sys.stdout.flush()
        except (OSError, ValueError):
            os._exit(0)


class Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass   # clients that hang up early (timeouts, max_body) are part of the specs


def main():
    server = Server(('127.0.0.1', 0), Handler)
    server.daemon_threads = True
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    # SIGPIPE stays ignored (Python's default): a client hanging up mid-body (max_body,
    # timeouts) must not kill the server; a closed stdout is caught by the watchdog's EPIPE
    threading.Thread(target=watchdog, args=(server, os.getppid()), daemon=True).start()
    sys.stdout.write('%d %d\n' % (server.server_address[1], os.getpid()))
    sys.stdout.flush()
    server.serve_forever(poll_interval=0.2)


if __name__ == '__main__':
    main()
