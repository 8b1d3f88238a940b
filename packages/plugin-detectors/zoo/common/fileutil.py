"""Small helpers shared by the zoo workers."""
import hashlib


def sha256(path):
    """Hex sha256 of a file: workers report their weights' hashes as their identity."""
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for chunk in iter(lambda: f.read(1 << 20), b''):
            h.update(chunk)
    return h.hexdigest()
