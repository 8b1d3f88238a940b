#!/usr/bin/python3
"""Reference values for semibench's preprocessing (packages/harness/src/preprocess).

Run from the repository root with Debian's python3 (python3-pil, python3-numpy, python3-torchvision):
    /usr/bin/python3 packages/harness/src/preprocess/reference/preprocess_reference.py \
        > packages/harness/src/preprocess/reference/preprocess-reference.json

Everything here is computed by Pillow and torchvision themselves (Image.resize, GaussianBlur,
JPEG save, transforms.Resize/CenterCrop/ToTensor/Normalize), except the paper's mask-aware crop,
whose reference code is not public: for it the first candidate of the spec's algorithm (the centre
candidate, no random draws) is written out here in numpy from the spec's text (§7.1).
Images: the Semi-Truths sample in fixtures/semi-truths-sample (a verbatim copy), cut to non-square shapes in numpy;
the test cuts the same windows. Outputs are compared by sha256 of their raw bytes (uint8 HWC for
pixels, float32 C-order for tensors), plus a few summary numbers for readable failures.
"""
import hashlib
import io
import json
import os
import sys

import numpy as np
import torch
from PIL import Image, ImageFilter
from torchvision import transforms as T

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', '..'))
SAMPLE = os.path.join(ROOT, 'fixtures', 'semi-truths-sample', 'input')  # verbatim copy of the published sample
IMAGENET = ([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
CLIP = ([0.48145466, 0.4578275, 0.40821073], [0.26862954, 0.26130258, 0.27577711])
FILTERS = {'nearest': Image.NEAREST, 'bilinear': Image.BILINEAR, 'bicubic': Image.BICUBIC, 'lanczos3': Image.LANCZOS}


def rgb(rel):
    return Image.open(os.path.join(SAMPLE, rel)).convert('RGB')


def window(img, top, left, h, w):
    return Image.fromarray(np.asarray(img)[top:top + h, left:left + w].copy())


def px(img):
    a = np.ascontiguousarray(np.asarray(img, dtype=np.uint8))
    return {'sha256': hashlib.sha256(a.tobytes()).hexdigest(), 'shape': list(a.shape), 'mean': float(a.mean())}


def ten(t):
    a = np.ascontiguousarray(t.numpy().astype(np.float32))
    return {'sha256': hashlib.sha256(a.tobytes()).hexdigest(), 'shape': list(a.shape), 'sum': float(a.astype(np.float64).sum()),
            'first': [float(v) for v in a.reshape(-1)[:4]]}


A = 'images/CityScapes/bremen_000087_000019.png'
B = 'images/ADE20K/ADE_train_00012321.jpg'


def resize_cases():
    a = window(rgb(A), 20, 100, 451, 300)  # h=451, w=300
    out = []
    for name, size, interp in [
        ('bilinear-shorter-256', None, 'bilinear'),
        ('bicubic-224x224', (224, 224), 'bicubic'),
        ('lanczos3-100x333', (100, 333), 'lanczos3'),
        ('nearest-700x250', (700, 250), 'nearest'),
        ('bilinear-up-600x700', (600, 700), 'bilinear'),
        ('bicubic-up-500x310', (500, 310), 'bicubic'),
    ]:
        if size is None:
            res = T.Resize(256, interpolation=T.InterpolationMode.BILINEAR)(a)
        else:
            res = a.resize((size[1], size[0]), FILTERS[interp])
        out.append({'name': name, 'window': [20, 100, 451, 300], 'size': size, 'interpolation': interp, 'out': px(res)})
    return out


def main():
    ref = {'sample': 'shared/data/semi-truths-sample/input', 'images': {'A': A, 'B': B}}
    ref['resize'] = resize_cases()

    blur_src = window(rgb(A), 200, 50, 150, 200)
    ref['blur'] = {'window': [200, 50, 150, 200], 'sigma': 2, 'out': px(blur_src.filter(ImageFilter.GaussianBlur(2)))}

    buf = io.BytesIO()
    blur_src.save(buf, format='JPEG', quality=75)
    ref['jpeg'] = {'window': [200, 50, 150, 200], 'quality': 75, 'out': px(Image.open(io.BytesIO(buf.getvalue())).convert('RGB'))}

    # The paper's no-mask pipeline, as run (ImageNet + clamp), on a 512x512 JPEG.
    b = rgb(B)
    t = T.Compose([T.Resize(256), T.CenterCrop(224), T.ToTensor(), T.Normalize(*IMAGENET)])(b)
    ref['pipeline_real_parity'] = ten(torch.clamp(t, 0, 1))
    ref['pipeline_real'] = ten(t)

    # Odd centre-crop offset: (397 - 224) / 2 = 86.5 rounds half to even (86).
    odd = window(rgb(A), 0, 0, 397, 256)
    ref['center_crop_odd'] = {'window': [0, 0, 397, 256], 'out': px(T.CenterCrop(224)(T.Resize(256)(odd)))}
    # Crop larger than the image: torchvision pads with zeros.
    small = window(rgb(A), 0, 0, 101, 150)
    ref['center_crop_pad'] = {'window': [0, 0, 101, 150], 'size': [120, 160], 'out': px(T.CenterCrop((120, 160))(small))}

    # CLIP statistics, range [-1, 1], BGR, NHWC: an arbitrary but fully specified conversion.
    c = T.CenterCrop(224)(T.Resize(224, interpolation=T.InterpolationMode.BICUBIC)(b))
    x = T.ToTensor()(c)  # CHW RGB in [0, 1]
    x = x * 2.0 + (-1.0)
    x = x[[2, 1, 0]]
    # mean/std are given in the tensor's channel order (here BGR), as BGR models publish them.
    mean = torch.tensor(CLIP[0], dtype=torch.float32)
    std = torch.tensor(CLIP[1], dtype=torch.float32)
    x = (x - mean[:, None, None]) / std[:, None, None]
    ref['tensor_clip_bgr_nhwc'] = ten(x.permute(1, 2, 0).contiguous())

    # Mask-aware crop, first (centre) candidate, from the spec's text.
    ref['mask_crop'] = []
    for img_rel, mask_rel in [
        ('images/CityScapes/hamburg_000000_067799.png', 'masks/CityScapes/hamburg_000000_067799_instance101.png'),
        ('images/HumanParsing/img_05093.png', 'masks/HumanParsing/img_05093_Upperclothes.png'),
        ('images/CityScapes/ulm_000084_000019.png', 'masks/CityScapes/ulm_000084_000019_instance043.png'),
    ]:
        img = T.Resize(256)(rgb(img_rel))
        m = np.asarray(T.Resize(256)(Image.open(os.path.join(SAMPLE, mask_rel)).convert('L')))
        H, W = m.shape
        cr, cc = H // 2, W // 2
        total = int((m > 0).sum())
        inside = int((m[cr - 112:cr + 112, cc - 112:cc + 112] > 0).sum())
        entry = {'image': img_rel, 'mask': mask_rel, 'total': total, 'inside': inside, 'fraction': inside / total}
        if inside / total >= 0.7:
            arr = np.asarray(img)
            # Parity: top-left = centre, zero beyond the image; default: top-left = centre - 112.
            par = np.zeros((224, 224, 3), np.uint8)
            part = arr[cr:cr + 224, cc:cc + 224]
            par[:part.shape[0], :part.shape[1]] = part
            ref_par = torch.clamp(T.Normalize(*IMAGENET)(T.ToTensor()(Image.fromarray(par))), 0, 1)
            fixed = arr[cr - 112:cr + 112, cc - 112:cc + 112]
            mask_fixed = np.where(m[cr - 112:cr + 112, cc - 112:cc + 112] > 127, 255, 0).astype(np.uint8)
            entry.update({'parity_tensor': ten(ref_par), 'fixed_pixels': px(fixed), 'fixed_mask': px(mask_fixed)})
        ref['mask_crop'].append(entry)

    json.dump(ref, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
