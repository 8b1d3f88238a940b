"""The ResNet-50 with one logit that CNNDetection (CNNSpot) and DIRE share: torchvision's layout,
whose state_dict keys equal those of both repositories' networks/resnet.py."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import export_util  # noqa: E402


def main(name, description, dynamic_hw):
    args = export_util.parse_args(description)
    import torchvision

    model = torchvision.models.resnet50(num_classes=1)
    state = export_util.load_state_dict(args.checkpoint, key='model')
    missing, unexpected = model.load_state_dict(state, strict=False)
    if missing or unexpected:
        raise SystemExit('%s is not a ResNet-50 with one logit: missing %s, unexpected %s' % (args.checkpoint, missing[:5], unexpected[:5]))
    size = 256 if dynamic_hw else 224
    export_util.export(model, args.out, args.opset, (1, 3, size, size), 'logit', dynamic_hw=dynamic_hw)
    export_util.log('%s: wrote %s' % (name, args.out))
    export_util.report(detector=name, onnx=args.out, opset=args.opset, outputs=['logit'], dynamicHW=dynamic_hw)
