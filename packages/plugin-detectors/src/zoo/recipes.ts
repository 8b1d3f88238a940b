/**
 * The six detectors of the Semi-Truths paper (spec §7.1), as data: where the weights come from,
 * the committed export script or worker (packages/plugin-detectors/zoo/<name>/), the two
 * preprocessing modes (`authors`: the detector paper's own evaluation pipeline, the default;
 * `semi-truths`: the pipeline the Semi-Truths paper ran, class-dependent), the decision rule and
 * the model's expected inputs and outputs. No weights ship with semibench.
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

/** The two preprocessing modes every entry has (`--option preprocess=...`). */
export const PREPROCESS_MODES = ['authors', 'semi-truths'] as const;
export type PreprocessMode = (typeof PREPROCESS_MODES)[number];
/** The mode used when none is given: the detector authors' own evaluation pipeline. */
export const DEFAULT_PREPROCESS: PreprocessMode = 'authors';

export interface ZooPreprocess {
  /** What the harness hands over: a tensor (ONNX route) or the file path (the worker preprocesses itself). */
  input: { kind: 'tensor'; preprocess: TensorPreprocess } | { kind: 'path' };
  /**
   * True when the pipeline treats real and edited rows differently (the Semi-Truths mask-aware crop
   * reads the edit mask, which only fakes have; UnivFD's parity blur hits only the no-mask path).
   * Such a mode is not blind: a detector can learn the class from the preprocessing.
   */
  classDependent: boolean;
  /** Where this pipeline is specified (file and function of the authors' code, or the spec). */
  source: string;
  /** What the worker does itself, for `path` inputs. */
  workerSteps?: string;
}

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
  preprocess: Record<PreprocessMode, ZooPreprocess>;
  /**
   * Routes that can run this detector: an ONNX export (`zoo export`), a committed Python worker,
   * or a probe package (`train probe` on an exported backbone).
   */
  routes: ('onnx' | 'worker' | 'probe')[];
  /** Committed files, relative to the package's zoo/ directory (shipped with the package). */
  files: { export?: string; worker?: string; requirements: string };
  /** Metadata columns the detector reads besides the image. */
  needsColumns?: string[];
  /** Copy-paste steps from checkpoint to a run. */
  steps: string[];
  /** Caveats the paper's numbers depend on. */
  notes: string[];
  trainedOn?: string[];
}

const resize256: PreprocessStep = { op: 'resize', size: 256, mode: 'shorter-side', interpolation: 'bilinear' };
const crop224: PreprocessStep = { op: 'center-crop', size: 224 };
const maskCropParity: PreprocessStep = { op: 'mask-crop', size: 224, parityCentreAsCorner: true };
const imagenet: TensorSpec = { layout: 'NCHW', range: [0, 1], mean: IMAGENET_MEAN, std: IMAGENET_STD };
const imagenetClamped: TensorSpec = { ...imagenet, parityClampAfterNormalize: true };
const clip: TensorSpec = { layout: 'NCHW', range: [0, 1], mean: CLIP_MEAN, std: CLIP_STD };

const SEMI_TRUTHS_SOURCE = 'Semi-Truths evaluation code as run (spec §7.1): shorter side 256, mask-aware crop 224 with the centre-as-corner bug, ImageNet statistics, clamp to [0, 1]';

/** The as-run pipeline of spec §7.1 for every detector but UnivFD. */
const semiTruths: ZooPreprocess = {
  input: { kind: 'tensor', preprocess: { steps: [resize256, maskCropParity], tensor: imagenetClamped } },
  classDependent: true,
  source: SEMI_TRUTHS_SOURCE,
};

const tensor = (steps: PreprocessStep[], spec: TensorSpec): ZooPreprocess['input'] => ({ kind: 'tensor', preprocess: { steps, tensor: spec } });

/** What the two ResNet-50 one-logit detectors (CNNSpot, DIRE) share. */
const resnetLogit = {
  decision: 'fake iff sigmoid(logit) >= 0.5',
  output: { kind: 'logit' },
  modelOutputs: 'logit: float32 [N, 1]',
  routes: ['onnx', 'worker'],
} satisfies Partial<ZooRecipe>;

const exportSteps = (name: string, ckpt: string): string[] => [
  `pip install -r "$(semibench zoo show ${name} --path requirements)"   # or Debian: apt-get install python3-torch python3-torchvision python3-onnx`,
  `semibench zoo export ${name} --checkpoint ${ckpt} --out models/`,
  `semibench eval --detector zoo:${name} --option weights=models/${name}.onnx   # add --option preprocess=semi-truths for the paper's pipeline`,
];

export const RECIPES: readonly ZooRecipe[] = [
  {
    name: 'cnnspot',
    title: 'CNNSpot (Wang et al., CVPR 2020)',
    paper: 'CNN-generated images are surprisingly easy to spot... for now',
    code: 'https://github.com/PeterWang512/CNNDetection',
    architecture: 'ResNet-50 (torchvision layout), fc replaced by Linear(2048, 1): one logit',
    weights: { files: ['blur_jpg_prob0.1.pth (the paper ran this one)', 'blur_jpg_prob0.5.pth'], source: 'CNNDetection weights/download_weights.sh; checkpoint format {"model": state_dict}' },
    ...resnetLogit,
    modelInputs: 'image: float32 [N, 3, H, W] (any size: the authors evaluate at full resolution), ImageNet-normalised RGB',
    preprocess: {
      authors: {
        input: tensor([], imagenet),
        classDependent: false,
        source: 'CNNDetection demo.py / demo_dir.py default and README "test results on uncropped images (recommended)": full resolution, no resize, no crop, ToTensor + ImageNet Normalize',
      },
      'semi-truths': semiTruths,
    },
    files: { export: 'cnnspot/export.py', requirements: 'cnnspot/requirements.txt' },
    steps: exportSteps('cnnspot', 'blur_jpg_prob0.1.pth'),
    notes: [
      'Trained on ProGAN only; the paper ran it zero-shot.',
      "The CNNDetection paper's own tables used a 224 centre crop without resizing; its README recommends no crop, which is the authors mode here.",
      'Full-resolution inputs make batches of one image size: the ONNX export has dynamic height and width.',
    ],
    trainedOn: ['ProGAN'],
  },
  {
    name: 'univfd',
    title: 'UniversalFakeDetect / UnivFD (Ojha et al., CVPR 2023)',
    paper: 'Towards Universal Fake Image Detectors that Generalize Across Generative Models',
    code: 'https://github.com/WisconsinAIVision/UniversalFakeDetect',
    architecture: 'frozen CLIP ViT-L/14 image encoder (768-d) + Linear(768, 1)',
    weights: {
      files: ['pretrained_weights/fc_weights.pth (in the UniversalFakeDetect repository; state_dict of Linear(768, 1))', 'CLIP ViT-L/14 (OpenAI, ViT-L-14.pt, fetched by the clip package)'],
      source: 'UniversalFakeDetect repository (fc head); CLIP weights from OpenAI via github.com/openai/CLIP',
    },
    decision: 'fake iff sigmoid(logit) >= 0.5',
    output: { kind: 'logit' },
    modelInputs: 'image: float32 [N, 3, 224, 224], CLIP-normalised RGB',
    modelOutputs: 'logit: float32 [N, 1]',
    preprocess: {
      authors: {
        input: tensor([crop224], clip),
        classDependent: false,
        source: 'UniversalFakeDetect validate.py RealFakeDataset: CenterCrop(224) (no resize), ToTensor, Normalize with CLIP statistics',
      },
      'semi-truths': {
        input: tensor([{ op: 'gaussian-blur', sigma: 2, onlyWithoutMaskCrop: true }, resize256, maskCropParity], imagenetClamped),
        classDependent: true,
        source: `${SEMI_TRUTHS_SOURCE}; plus PIL GaussianBlur(2) on the no-mask path only (reals and the fallback)`,
      },
    },
    routes: ['onnx', 'worker'],
    files: { export: 'univfd/export.py', requirements: 'univfd/requirements.txt' },
    steps: exportSteps('univfd', 'fc_weights.pth'),
    notes: [
      'The export script needs the openai clip package and downloads ViT-L/14 (about 900 MB) on first use; it is not tested in semibench CI (no CLIP package offline).',
      'Parity (spec §10 quirks 1-3): ImageNet instead of CLIP statistics, clamp to [0, 1] after normalising, and a PIL Gaussian blur of radius 2 only on rows without a usable mask crop (reals, fallback).',
      "One of the three detectors kept for the paper's slice analyses.",
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
      source: 'De-Fake repository release (README links); BLIP from Salesforce (salesforce/BLIP)',
    },
    decision: 'fake iff argmax of the 2 logits is class 1 (the stored probability was sigmoid(winning logit), not a calibrated P(fake))',
    output: { kind: 'argmax', index: 1 },
    modelInputs: 'worker: the image file (authors) or the preprocessed tensor (semi-truths), plus a caption (column `caption` when present, else BLIP: beam 3, max length 60, min length 5)',
    modelOutputs: '2 logits per image; semibench scores softmax(logits)[1], whose 0.5 threshold equals argmax',
    preprocess: {
      authors: {
        input: { kind: 'path' },
        classDependent: false,
        source: 'De-Fake test.py: BLIP caption from Resize(224) + CenterCrop(224) + ToTensor; CLIP input = PIL resize to 224x224, then the CLIP ViT-B/32 preprocess',
        workerSteps: 'the worker decodes the file and runs the authors\' two pipelines (BLIP and CLIP) itself',
      },
      'semi-truths': semiTruths,
    },
    routes: ['worker'],
    files: { worker: 'defake/worker.py', requirements: 'defake/requirements.txt' },
    needsColumns: ['caption'],
    steps: [
      'git clone https://github.com/zeyangsha/De-Fake   # the worker imports its blipmodels package',
      'pip install -r "$(semibench zoo show defake --path requirements)"',
      'semibench eval --detector zoo:defake --option worker="python3 $(semibench zoo show defake --path worker)" --option weights=./de-fake/ --option code=./De-Fake',
    ],
    notes: [
      'weights= is a directory holding finetune_clip.pt, clip_linear.pt and model_base_capfilt_large.pth.',
      'Parity: the caption was generated from the same ImageNet-normalised, clamped 224-px tensor the classifier saw.',
      "One of the three detectors kept for the paper's slice analyses.",
    ],
  },
  {
    name: 'dire',
    title: 'DIRE (Wang et al., ICCV 2023)',
    paper: 'DIRE for Diffusion-Generated Image Detection',
    code: 'https://github.com/ZhendongWang6/DIRE',
    architecture: 'ResNet-50 with one logit, applied to DIRE images (|x - reconstruction(x)| by an ADM diffusion model), not to the photos',
    weights: {
      files: ['lsun_adm.pth, imagenet_adm.pth, ... (DIRE release on BaiduDrive/RecDrive, password "dire")'],
      source: 'DIRE README "pre-trained DIRE model"; checkpoint format {"model": state_dict, "optimizer": ...} (utils/trainer.py save_networks) or a bare state_dict',
    },
    ...resnetLogit,
    modelInputs: 'image: float32 [N, 3, 224, 224], ImageNet-normalised RGB of a DIRE image',
    preprocess: {
      authors: {
        input: tensor([resize256, crop224], imagenet),
        classDependent: false,
        source: 'DIRE demo.py: Resize(256), CenterCrop(224), ToTensor, Normalize with ImageNet statistics (aug_norm=True)',
      },
      'semi-truths': semiTruths,
    },
    files: { export: 'dire/export.py', requirements: 'dire/requirements.txt' },
    steps: [
      '# 1. Make DIRE images (the reconstruction error) of every dataset image with the DIRE repository (GPU):',
      '#    cd DIRE/guided-diffusion && python compute_dire.py --model_path models/256x256_diffusion_uncond.pt --images_dir <dataset>/ --recons_dir recons/ --dire_dir dire/ --has_subfolder True --timestep_respacing ddim20 --use_ddim True (flags of compute_dire.sh)',
      '# 2. Copy the dataset\'s metadata.csv next to dire/ so that image_path names the DIRE image of each row (same relative paths).',
      ...exportSteps('dire', 'lsun_adm.pth').map((s) => s.replace('--detector zoo:dire', '--dataset dire/ --detector zoo:dire')),
    ],
    notes: [
      'DIRE images are an input you prepare: semibench does not run the diffusion reconstruction.',
      'The paper ran this classifier on raw RGB images with CNNSpot\'s weight path as default (spec §7.1): --option preprocess=semi-truths on the photos reproduces that baseline, which is not the DIRE method.',
    ],
  },
  {
    name: 'crossefficientvit',
    title: 'CrossEfficientViT (Coccomini et al., ICIAP 2022)',
    paper: 'Combining EfficientNet and Vision Transformers for Video Deepfake Detection',
    code: 'https://github.com/davide-coccomini/Combining-EfficientNet-and-Vision-Transformers-for-Video-Deepfake-Detection',
    architecture: 'EfficientNet-B0 + cross ViT on face crops (a face deepfake model)',
    weights: { files: ['cross_efficient_vit.pth', 'configs/architecture.yaml'], source: 'the repository README (pretrained model link and Google Drive mirror)' },
    decision: 'sigmoid of the model output per face, averaged over faces; fake iff >= 0.5 (test.py)',
    output: { kind: 'probability' },
    modelInputs: 'worker: the image file; it detects faces (MTCNN, thresholds 0.85/0.95/0.95), squares the box, IsotropicResize to 224 + zero pad, BGR 0-255',
    modelOutputs: 'one probability per image; images without a detected face get no score (an item error), as in the paper',
    preprocess: {
      authors: {
        input: { kind: 'path' },
        classDependent: false,
        source: 'cross-efficient-vit/test.py create_base_transform and preprocessing/face_detector.py (MTCNN margin 0)',
        workerSteps: 'the worker decodes the file, detects faces and crops them as the authors do',
      },
      'semi-truths': semiTruths,
    },
    routes: ['worker'],
    files: { worker: 'crossefficientvit/worker.py', requirements: 'crossefficientvit/requirements.txt' },
    steps: [
      'git clone https://github.com/davide-coccomini/Combining-EfficientNet-and-Vision-Transformers-for-Video-Deepfake-Detection cev',
      'pip install -r "$(semibench zoo show crossefficientvit --path requirements)"',
      'semibench eval --detector zoo:crossefficientvit --option worker="python3 $(semibench zoo show crossefficientvit --path worker)" --option weights=./cross_efficient_vit.pth --option code=./cev/cross-efficient-vit',
    ],
    notes: [
      "Rows without a detected face are dropped from scoring, so its row set differs from the other detectors'.",
      'In semi-truths mode the worker receives the as-run tensor, undoes the normalisation and detects faces on that 224-px image.',
      "One of the three detectors kept for the paper's slice analyses.",
    ],
    trainedOn: ['DFDC'],
  },
  {
    name: 'dinov2',
    title: 'DINOv2 backbone + a linear probe you fit',
    paper: 'DINOv2: Learning Robust Visual Features without Supervision (Oquab et al., 2023)',
    code: 'https://github.com/facebookresearch/dinov2',
    architecture:
      'DINOv2 ViT (dinov2_vitb14 by default) CLS feature + a logistic-regression probe fitted by `semibench train probe` (the paper ran an untrained head: spec §10 quirk 4)',
    weights: {
      files: ['dinov2_vitb14_pretrain.pth (backbone only; also vits14, vitl14, vitg14)', 'the probe: your own, from semibench train probe'],
      source: 'DINOv2 README "Pretrained models" (dl.fbaipublicfiles.com/dinov2/...); torch.hub facebookresearch/dinov2 builds the architecture',
    },
    decision: 'fake iff sigmoid(probe logit) >= 0.5',
    output: { kind: 'logit' },
    modelInputs: 'backbone: image float32 [N, 3, 224, 224], ImageNet-normalised; output `features` [N, 768]',
    modelOutputs: 'features: float32 [N, D] (CLS token); the probe package adds the head',
    preprocess: {
      authors: {
        input: tensor([{ op: 'resize', size: 256, mode: 'shorter-side', interpolation: 'bicubic' }, crop224], imagenet),
        classDependent: false,
        source: 'dinov2/data/transforms.py make_classification_eval_transform: Resize(256, bicubic), CenterCrop(224), ImageNet Normalize',
      },
      'semi-truths': semiTruths,
    },
    routes: ['probe'],
    files: { export: 'dinov2/export.py', requirements: 'dinov2/requirements.txt' },
    steps: [
      `pip install -r "$(semibench zoo show dinov2 --path requirements)"`,
      'semibench zoo export dinov2 --checkpoint dinov2_vitb14_pretrain.pth --out models/',
      'semibench train probe --backbone models/dinov2.onnx --layer features --dataset <train dataset> --out probes/dinov2',
      'semibench eval --detector probes/dinov2 --dataset <test dataset>',
    ],
    notes: [
      'The export script builds the architecture with torch.hub (facebookresearch/dinov2, network access once); not tested in semibench CI.',
      'The paper\'s "DINOv2 detector" had an untrained head and predicted "real" for almost everything; fit a probe instead.',
    ],
  },
];

export function findRecipe(name: string): ZooRecipe | undefined {
  const bare = name.replace(/^zoo:/, '').toLowerCase();
  return RECIPES.find((r) => r.name === bare);
}
