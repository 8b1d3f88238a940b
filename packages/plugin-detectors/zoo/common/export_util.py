"""Shared by the zoo export scripts: argument parsing, ONNX export with named, dynamic axes, a
check of the written file, and the one-line JSON report that `semibench zoo export` reads.

Versioned with the scripts: bump EXPORT_VERSION whenever an export can produce a different model.
"""
import argparse
import json
import sys

EXPORT_VERSION = '1'


def parse_args(description, extra=None):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument('--checkpoint', required=True, help='the authors\' checkpoint file')
    parser.add_argument('--out', required=True, help='ONNX file to write')
    parser.add_argument('--opset', type=int, default=13)
    if extra:
        extra(parser)
    return parser.parse_args()


def log(message):
    sys.stderr.write(message + '\n')
    sys.stderr.flush()


def load_state_dict(path, key=None):
    """torch.load on CPU; `key` unwraps {'model': state_dict} checkpoints (bare state dicts pass)."""
    import torch

    state = torch.load(path, map_location='cpu')
    if key is not None and isinstance(state, dict) and key in state:
        state = state[key]
    if not isinstance(state, dict):
        raise SystemExit('%s does not hold a state_dict (got %s)' % (path, type(state).__name__))
    # Checkpoints saved from DataParallel prefix every key with "module.".
    if all(k.startswith('module.') for k in state):
        state = {k[len('module.'):]: v for k, v in state.items()}
    return state


def export(model, out, opset, input_shape, output_name, dynamic_hw=False):
    """Exports `model` (eval mode) with input `image` and a dynamic batch (and optionally H, W)."""
    import torch

    model.eval()
    axes = {0: 'N'}
    if dynamic_hw:
        axes.update({2: 'H', 3: 'W'})
    with torch.no_grad():
        torch.onnx.export(
            model,
            torch.zeros(*input_shape),
            out,
            input_names=['image'],
            output_names=[output_name],
            dynamic_axes={'image': axes, output_name: {0: 'N'}},
            opset_version=opset,
            do_constant_folding=True,
        )
    try:
        import onnx

        onnx.checker.check_model(onnx.load(out))
    except ImportError:
        log('onnx is not installed: the written model was not checked')


def report(**fields):
    """The last stdout line: what semibench records about this export."""
    import torch

    fields.update({'exportVersion': EXPORT_VERSION, 'torch': torch.__version__, 'python': sys.version.split()[0]})
    sys.stdout.write(json.dumps(fields) + '\n')
    sys.stdout.flush()
