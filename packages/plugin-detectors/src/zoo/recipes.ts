/**
 * The six detectors of the Semi-Truths paper (spec §7.1), as data: what the paper ran, how to get
 * and export the weights, the preprocessing (as run = `parity`, and as published = default), the
 * decision rule and the model's expected inputs and outputs. No weights ship with semibench; each
 * entry takes user-supplied weights (an ONNX export) or a Python worker.
 */
import {
  CLIP_MEAN,
  CLIP_STD,
  IMAGENET_MEAN,
  IMAGENET_STD,
  type PreprocessSpec,
  type PreprocessStep,
  type TensorSpec,
} from '@semibench/harness/plugin';
import type { OutputSpec } from '../onnx/output.js';

export type TensorPreprocess = PreprocessSpec & { tensor: TensorSpec };

export interface ZooRecipe {
  name: string;
  title: string;
  paper: string;
  code: string;
  architecture: string;
  weights: { files: string[]; source: string };
  /** How the score becomes a decision, in the paper's terms. */
  decision: string;
  /** Output interpretation for the ONNX route. */
  output: OutputSpec;
  /** What an exported model must look like. */
  modelInputs: string;
  modelOutputs: string;
  preprocessing: { default: TensorPreprocess; parity: TensorPreprocess };
  /** Routes that can run this detector: an ONNX export and/or a Python worker. */
  routes: ('onnx' | 'worker')[];
  /** Metadata columns the detector reads besides the image. */
  needsColumns?: string[];
  /** Steps to produce the ONNX file (or the worker), copy-pasteable. */
  export: string[];
  /** Caveats the paper's numbers depend on. */
  notes: string[];
  trainedOn?: string[];
}

const resize256: PreprocessStep = { op: 'resize', size: 256, mode: 'shorter-side', interpolation: 'bilinear' };
const maskCrop: PreprocessStep = { op: 'mask-crop', size: 224 };
const maskCropParity: PreprocessStep = { op: 'mask-crop', size: 224, parityCentreAsCorner: true };
const imagenet: TensorSpec = { layout: 'NCHW', range: [0, 1], mean: IMAGENET_MEAN, std: IMAGENET_STD };
const imagenetClamped: TensorSpec = { ...imagenet, parityClampAfterNormalize: true };
const clip: TensorSpec = { layout: 'NCHW', range: [0, 1], mean: CLIP_MEAN, std: CLIP_STD };

/** The as-run pipeline of spec §7.1 for every detector but UnivFD. */
const asRun: TensorPreprocess = { steps: [resize256, maskCropParity], tensor: imagenetClamped };

/** What the two ResNet-50 one-logit detectors (CNNSpot, DIRE as run) share. */
const resnetLogit = {
  decision: 'fake iff sigmoid(logit) >= 0.5',
  output: { kind: 'logit' },
  modelInputs: 'image: float32 [N, 3, 224, 224], ImageNet-normalised RGB',
  modelOutputs: 'logit: float32 [N, 1]',
  preprocessing: { default: { steps: [resize256, maskCrop], tensor: imagenet }, parity: asRun },
  routes: ['onnx', 'worker'],
} satisfies Partial<ZooRecipe>;

const resnetExport = (ckpt: string, out: string, stateKey: string): string[] => [
  '# Debian/Ubuntu: apt-get install python3-torch python3-torchvision python3-onnx  (or pip install torch torchvision onnx)',
  'python3 - <<EOF',
  'import torch, torchvision',
  'm = torchvision.models.resnet50(num_classes=1)',
  `state = torch.load("${ckpt}", map_location="cpu")`,
  `m.load_state_dict(state${stateKey})`,
  'm.eval()',
  `torch.onnx.export(m, torch.zeros(1, 3, 224, 224), "${out}", input_names=["image"], output_names=["logit"],`,
  '                  dynamic_axes={"image": {0: "N"}, "logit": {0: "N"}}, opset_version=13)',
  'EOF',
];

export const RECIPES: readonly ZooRecipe[] = [
  {
    name: 'cnnspot',
    title: 'CNNSpot (Wang et al., CVPR 2020)',
    paper: 'CNN-generated images are surprisingly easy to spot... for now',
    code: 'https://github.com/PeterWang512/CNNDetection',
    architecture: 'ResNet-50 (torchvision), fc replaced by Linear(2048, 1): one logit',
    weights: { files: ['blur_jpg_prob0.1.pth'], source: 'CNNDetection weights/download_weights.sh (trained on ProGAN images, blur+JPEG augmentation p=0.1)' },
    ...resnetLogit,
    export: resnetExport('blur_jpg_prob0.1.pth', 'cnnspot.onnx', '["model"]'),
    notes: ['Trained on ProGAN only; the paper ran it zero-shot.'],
    trainedOn: ['ProGAN'],
  },
  {
    name: 'univfd',
    title: 'UniversalFakeDetect / UnivFD (Ojha et al., CVPR 2023)',
    paper: 'Towards Universal Fake Image Detectors that Generalize Across Generative Models',
    code: 'https://github.com/WisconsinAIVision/UniversalFakeDetect',
    architecture: 'frozen CLIP ViT-L/14 image encoder (768-d) + Linear(768, 1)',
    weights: { files: ['pretrained_weights/fc_weights.pth', 'CLIP ViT-L/14 (OpenAI)'], source: 'UniversalFakeDetect repository (fc head); CLIP weights from OpenAI' },
    decision: 'fake iff sigmoid(logit) >= 0.5',
    output: { kind: 'logit' },
    modelInputs: 'image: float32 [N, 3, 224, 224], CLIP-normalised RGB (the paper fed ImageNet-normalised, clamped tensors)',
    modelOutputs: 'logit: float32 [N, 1]',
    preprocessing: {
      default: { steps: [resize256, maskCrop], tensor: clip },
      parity: { steps: [{ op: 'gaussian-blur', sigma: 2, onlyWithoutMaskCrop: true }, resize256, maskCropParity], tensor: imagenetClamped },
    },
    routes: ['onnx', 'worker'],
    export: [
      '# pip install torch onnx git+https://github.com/openai/CLIP.git',
      'python3 - <<EOF',
      'import clip, torch',
      'model, _ = clip.load("ViT-L/14", device="cpu")',
      'fc = torch.nn.Linear(768, 1); fc.load_state_dict(torch.load("fc_weights.pth", map_location="cpu"))',
      'class UnivFD(torch.nn.Module):',
      '    def __init__(self): super().__init__(); self.visual, self.fc = model.visual.float(), fc',
      '    def forward(self, x): return self.fc(self.visual(x))',
      'torch.onnx.export(UnivFD().eval(), torch.zeros(1, 3, 224, 224), "univfd.onnx", input_names=["image"], output_names=["logit"],',
      '                  dynamic_axes={"image": {0: "N"}, "logit": {0: "N"}}, opset_version=14)',
      'EOF',
    ],
    notes: [
      'Parity (spec §10 quirks 1-3): ImageNet instead of CLIP statistics, clamp to [0, 1] after normalising, and a PIL Gaussian blur of radius 2 only on rows without a usable mask crop (reals, fallback).',
      'One of the three detectors kept for the paper\'s slice analyses.',
    ],
    trainedOn: ['ProGAN'],
  },
  {
    name: 'defake',
    title: 'DE-FAKE (Sha et al., ACM CCS 2023)',
    paper: 'DE-FAKE: Detection and Attribution of Fake Images Generated by Text-to-Image Generation Models',
    code: 'https://github.com/zeyangsha/De-Fake',
    architecture: 'fine-tuned CLIP ViT-B/32 image and text embeddings (512 + 512) -> MLP 1024-512-256-2; the text is a BLIP caption of the image',
    weights: {
      files: ['finetune_clip.pt', 'clip_linear.pt', 'BLIP model_base_capfilt_large.pth'],
      source: 'De-Fake repository release; BLIP from Salesforce (salesforce/BLIP)',
    },
    decision: 'fake iff argmax of the 2 logits is class 1 (the stored probability was sigmoid(winning logit), not a calibrated P(fake))',
    output: { kind: 'argmax', index: 1 },
    modelInputs: 'worker: the preprocessed image tensor [3, 224, 224] plus the caption (column `caption` when present, else generated with BLIP: beam 3, max length 60, min length 5)',
    modelOutputs: '2 logits per image; semibench scores softmax(logits)[1], whose 0.5 threshold equals argmax',
    preprocessing: { default: { steps: [resize256, maskCrop], tensor: clip }, parity: asRun },
    routes: ['worker'],
    needsColumns: ['caption'],
    export: [
      'DE-FAKE needs a caption per image, so it runs as a Python worker (BLIP captioning + CLIP encoders + MLP):',
      'copy examples/python-worker/torch_template_worker.py, load finetune_clip.pt / clip_linear.pt / BLIP in load_model(),',
      'caption each item (or use item.columns["caption"] when the dataset has one), and return softmax(logits)[1].',
      'semibench eval --detector zoo:defake --option worker="python3 defake_worker.py" --option weights=./de-fake/',
    ],
    notes: [
      'Extra inputs are declared with needsColumns: the harness passes those metadata columns (never label or slice columns) to the worker with each item.',
      'Parity: the caption was generated from the same ImageNet-normalised, clamped 224-px tensor the classifier saw.',
      'One of the three detectors kept for the paper\'s slice analyses.',
    ],
  },
  {
    name: 'dire',
    title: 'DIRE (Wang et al., ICCV 2023), as run in the paper',
    paper: 'DIRE for Diffusion-Generated Image Detection',
    code: 'https://github.com/ZhendongWang6/DIRE',
    architecture: 'ResNet-50 with one logit, applied to the raw RGB image: no DIRE reconstruction/residual was computed (spec §7.1)',
    weights: { files: ['unknown checkpoint [U]'], source: "the runner's default weight path is CNNSpot's blur_jpg_prob0.1.pth; the paper's Table 3 row matches CNNSpot's confusion pattern" },
    ...resnetLogit,
    export: resnetExport('dire_checkpoint.pth', 'dire.onnx', '["model"]'),
    notes: ['Parity baseline only (spec §10 quirk 4): without the diffusion reconstruction this is not the DIRE method.'],
  },
  {
    name: 'crossefficientvit',
    title: 'CrossEfficientViT (Coccomini et al., ICIAP 2022)',
    paper: 'Combining EfficientNet and Vision Transformers for Video Deepfake Detection',
    code: 'https://github.com/davide-coccomini/Combining-EfficientNet-and-Vision-Transformers-for-Video-Deepfake-Detection',
    architecture: 'EfficientNet-B0 + cross ViT on face crops (a face deepfake model)',
    weights: { files: ['cross_efficient_vit.pth', 'architecture.yaml'], source: 'the repository release' },
    decision: "decided inside the repository's test script [U]; semibench thresholds sigmoid(logit) at 0.5",
    output: { kind: 'logit' },
    modelInputs: 'worker: the image file; the worker detects faces (MTCNN) and classifies the crops',
    modelOutputs: 'one logit per image; images without a detected face get no score (an item error), as in the paper',
    preprocessing: { default: { steps: [resize256, maskCrop], tensor: imagenet }, parity: asRun },
    routes: ['worker'],
    export: [
      'Runs as a Python worker because of its face-detection preprocessing: copy examples/python-worker/torch_template_worker.py,',
      "declare input {\"kind\": \"path\"}, detect faces with the repository's code, return the face score, and return ItemError('no face') otherwise.",
      'semibench eval --detector zoo:crossefficientvit --option worker="python3 cev_worker.py" --option weights=./cross_efficient_vit.pth',
    ],
    notes: ['Rows without a detected face are dropped from scoring, so its row set differs from the other detectors\'.', 'One of the three detectors kept for the paper\'s slice analyses.'],
    trainedOn: ['DFDC'],
  },
  {
    name: 'dinov2',
    title: 'DINOv2 "detector", as run in the paper',
    paper: 'DINOv2: Learning Robust Visual Features without Supervision (Oquab et al., 2023)',
    code: 'https://github.com/facebookresearch/dinov2 (facebook/dinov2-base on Hugging Face)',
    architecture:
      'dinov2-base CLS feature (768) reshaped to 1x1x768, bilinearly upsampled to 224x224, repeated to 3 channels, fed to an ImageNet ResNet-50 whose fc is a new, UNTRAINED Linear(2048, 1)',
    weights: { files: ['facebook/dinov2-base', 'torchvision ResNet-50 ImageNet weights', 'random head (no checkpoint)'], source: 'Hugging Face / torchvision' },
    decision: 'fake iff sigmoid(logit) >= 0.5',
    output: { kind: 'logit' },
    modelInputs: 'image: float32 [N, 3, 224, 224]; the paper passed the processed tensor through the DINOv2 image processor again',
    modelOutputs: 'logit: float32 [N, 1]',
    preprocessing: { default: { steps: [resize256, maskCrop], tensor: imagenet }, parity: asRun },
    routes: ['onnx', 'worker'],
    export: [
      '# pip install torch torchvision transformers onnx',
      'python3 - <<EOF',
      'import torch, torchvision',
      'from transformers import AutoModel',
      'torch.manual_seed(0)  # the head is untrained: record the seed',
      'dino = AutoModel.from_pretrained("facebook/dinov2-base")',
      'resnet = torchvision.models.resnet50(weights="IMAGENET1K_V1"); resnet.fc = torch.nn.Linear(2048, 1)',
      'class D(torch.nn.Module):',
      '    def __init__(self): super().__init__(); self.dino, self.resnet = dino, resnet',
      '    def forward(self, x):',
      '        cls = self.dino(pixel_values=x).last_hidden_state[:, 0]            # [N, 768]',
      '        img = torch.nn.functional.interpolate(cls[:, None, None, :], size=(224, 224), mode="bilinear")',
      '        return self.resnet(img.repeat(1, 3, 1, 1))',
      'torch.onnx.export(D().eval(), torch.zeros(1, 3, 224, 224), "dinov2.onnx", input_names=["image"], output_names=["logit"],',
      '                  dynamic_axes={"image": {0: "N"}, "logit": {0: "N"}}, opset_version=14)',
      'EOF',
    ],
    notes: ['Parity baseline only (spec §10 quirk 4): the random head makes it meaningless; it predicts "real" for almost everything.'],
  },
];

export function findRecipe(name: string): ZooRecipe | undefined {
  const bare = name.replace(/^zoo:/, '').toLowerCase();
  return RECIPES.find((r) => r.name === bare);
}
