"""The semibench worker protocol, version 1, for Python workers (standard library only).

Copy this file next to your worker, write a class with `hello()` and `predict(items)`, and call
`serve(MyDetector())`. semibench starts your command once per run and talks JSON lines over
stdin/stdout (see docs/detectors.md in the semibench repository for the full protocol):

    semibench -> worker  {"type":"hello","protocol":1,"semibench":"0.1.0","options":{...}}
    worker -> semibench  {"type":"hello","protocol":1,"name":...,"version":...,"input":{...}}
    semibench -> worker  {"type":"predict","id":1,"items":[...],"dataFile":"/tmp/.../1.bin"}
    worker -> semibench  {"type":"result","id":1,"scores":[0.7,null],"errors":[null,"why"]}
    semibench -> worker  {"type":"shutdown"}

Print logs to stderr only: stdout belongs to the protocol.
"""
import array
import json
import sys

PROTOCOL = 1


class Item:
    """One image of a request. `tensor`, `pixels` and `mask` are filled when the worker asked for them."""

    def __init__(self, msg, data):
        self.id = msg['id']
        self.key = msg['key']
        self.path = msg['path']
        self.mask_path = msg.get('maskPath')
        self.columns = msg.get('columns', {})
        self.tensor = None  # (array.array('f'), dims) - float32, C order
        self.pixels = None  # (bytes, width, height, channels) - uint8, HWC
        self.mask = None
        if 'tensor' in msg:
            t = msg['tensor']
            n = 1
            for d in t['dims']:
                n *= d
            values = array.array('f')
            values.frombytes(data[t['offset']:t['offset'] + 4 * n])
            if sys.byteorder != 'little':
                values.byteswap()
            self.tensor = (values, t['dims'])
        for name in ('pixels', 'mask'):
            if name in msg:
                r = msg[name]
                size = r['width'] * r['height'] * r['channels']
                setattr(self, name, (data[r['offset']:r['offset'] + size], r['width'], r['height'], r['channels']))


def _send(msg):
    sys.stdout.write(json.dumps(msg) + '\n')
    sys.stdout.flush()


def serve(detector):
    """Runs the protocol loop until semibench says shutdown or closes stdin.

    `detector.hello(options)` returns a dict with name, version, input (and optionally needsMask,
    needsColumns, identity); `detector.predict(items)` returns one float in [0, 1] per item, or
    raises; to fail single items, return an `ItemError` in their place.
    """
    first = sys.stdin.readline()
    if not first:
        return
    hello = json.loads(first)
    if hello.get('type') != 'hello' or hello.get('protocol') != PROTOCOL:
        sys.stderr.write('semibench_worker: expected a protocol %d hello, got %r\n' % (PROTOCOL, first[:200]))
        sys.exit(2)
    info = dict(detector.hello(hello.get('options', {})))
    info.update({'type': 'hello', 'protocol': PROTOCOL})
    _send(info)
    for line in sys.stdin:
        if not line.strip():
            continue
        msg = json.loads(line)
        if msg.get('type') == 'shutdown':
            break
        if msg.get('type') != 'predict':
            continue
        try:
            data = b''
            if msg.get('dataFile'):
                with open(msg['dataFile'], 'rb') as f:
                    data = f.read()
            items = [Item(m, data) for m in msg['items']]
            results = detector.predict(items)
            scores, errors = [], []
            for r in results:
                if isinstance(r, ItemError):
                    scores.append(None)
                    errors.append(str(r))
                else:
                    scores.append(float(r))
                    errors.append(None)
            _send({'type': 'result', 'id': msg['id'], 'scores': scores, 'errors': errors})
        except Exception as e:  # the whole request failed: say why, keep serving
            _send({'type': 'error', 'id': msg['id'], 'message': '%s: %s' % (type(e).__name__, e)})


class ItemError(Exception):
    """Return (not raise) one of these in place of a score when a single item cannot be scored."""
