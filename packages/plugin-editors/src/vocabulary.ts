/**
 * The built-in vocabulary of the offline `rules` perturber, organised by the spec's taxonomy of
 * semantic change (§3.1, Table 2 of the paper):
 * - small: lighting, an object's colour, a minor detail;
 * - medium: attributes, state or orientation of the object, noticeable changes;
 * - large: the object is replaced by a different one of similar size and structure.
 * Replacements are grouped by the kind of region (vegetation, vehicle, face part, ...) so that a
 * `large` edit swaps in something that plausibly fills the same mask shape.
 */

export interface AttributeVocabulary {
  /** Used as "<word> <label>". */
  prefix: string[];
  /** Used as "<label> <phrase>". */
  suffix: string[];
}

export interface ReplacementCategory {
  name: string;
  /** Normalised labels (lower case, `_`/`-` as spaces) that belong to the category. */
  members: string[];
  /** What such a region may become in a `large` edit. */
  replacements: string[];
}

export interface Vocabulary {
  small: AttributeVocabulary;
  medium: AttributeVocabulary;
  categories: ReplacementCategory[];
  /** Replacements for labels that match no category. */
  fallback: string[];
}

export const DEFAULT_VOCABULARY: Vocabulary = {
  small: {
    prefix: ['slightly darker', 'slightly lighter', 'sunlit', 'shadowed', 'warmer-toned', 'cooler-toned', 'faded', 'red', 'blue', 'yellow', 'green', 'white', 'black', 'grey', 'brown', 'pink'],
    suffix: ['in soft evening light', 'in bright daylight', 'with a faint reflection', 'with a small stain', 'with a subtle shadow', 'in a slightly different shade'],
  },
  medium: {
    prefix: ['wet', 'dusty', 'old', 'damaged', 'brand-new', 'striped', 'patterned', 'tilted', 'snow-covered', 'overgrown', 'metallic', 'wooden', 'glowing', 'rusty', 'muddy', 'frosted'],
    suffix: ['with a floral pattern', 'with graffiti', 'covered in snow', 'with polka dots', 'turned sideways', 'partly broken', 'covered in moss', 'with peeling paint'],
  },
  categories: [
    {
      name: 'face part',
      members: ['mouth', 'nose', 'eye', 'eyes', 'ear', 'left ear', 'right ear', 'l ear', 'r ear', 'hair', 'skin', 'lip', 'upper lip', 'lower lip', 'u lip', 'l lip', 'neck', 'brow', 'eyebrow', 'left eyebrow', 'right eyebrow', 'l brow', 'r brow', 'left eye', 'right eye', 'l eye', 'r eye', 'face', 'eye g', 'earrings', 'ear r', 'necklace', 'neck l'],
      replacements: ['beak', 'clown nose', 'carnival mask', 'tattoo', 'long beard', 'elf ear', 'metal jaw', 'bandage', 'butterfly'],
    },
    {
      name: 'clothing',
      members: ['upper clothes', 'upperclothes', 'skirt', 'dress', 'pants', 'coat', 'jacket', 'shirt', 't shirt', 'scarf', 'belt', 'bag', 'shoes', 'left shoe', 'right shoe', 'sunglasses', 'glove', 'socks', 'jumpsuits', 'hat', 'cloth'],
      replacements: ['suit of armor', 'wedding dress', 'raincoat', 'hawaiian shirt', 'tuxedo', 'backpack', 'life jacket', 'kimono', 'space suit'],
    },
    {
      name: 'person',
      members: ['person', 'rider', 'pedestrian', 'man', 'woman', 'child', 'people', 'boy', 'girl', 'human', 'persongroup', 'ridergroup'],
      replacements: ['robot', 'statue', 'astronaut', 'scarecrow', 'mannequin', 'bear', 'knight', 'skeleton'],
    },
    {
      name: 'body part',
      members: ['left arm', 'right arm', 'left leg', 'right leg', 'arm', 'leg', 'hand', 'foot', 'torso'],
      replacements: ['robotic arm', 'wooden leg', 'tentacle', 'bandaged arm', 'tattooed arm'],
    },
    {
      name: 'vehicle',
      members: ['car', 'truck', 'bus', 'bicycle', 'motorcycle', 'train', 'van', 'caravan', 'trailer', 'ego vehicle', 'bicyclegroup', 'cargroup', 'license plate', 'boat', 'airplane'],
      replacements: ['horse', 'tank', 'tractor', 'golf cart', 'boat', 'camel', 'scooter', 'police car', 'horse carriage'],
    },
    {
      name: 'animal',
      members: ['dog', 'cat', 'bird', 'horse', 'cow', 'sheep', 'animal', 'fish'],
      replacements: ['tiger', 'penguin', 'dragon', 'rabbit', 'fox', 'owl', 'goat'],
    },
    {
      name: 'food',
      members: ['bagel', 'doughnut', 'donut', 'pizza', 'cake', 'bread', 'sandwich', 'fruit', 'apple', 'banana', 'orange', 'food', 'muffin', 'cookie', 'croissant', 'pastry'],
      replacements: ['croissant', 'hamburger', 'pretzel', 'cupcake', 'sushi roll', 'taco', 'watermelon slice', 'fried egg'],
    },
    {
      name: 'vegetation',
      members: ['tree', 'trees', 'plant', 'plants', 'vegetation', 'bush', 'shrub', 'flower', 'flowers', 'palm', 'palm tree', 'hedge', 'flowerpot', 'potted plant'],
      replacements: ['cactus', 'palm tree', 'bamboo', 'sunflowers', 'rose bush', 'dead tree', 'pine tree', 'cherry blossom tree', 'giant mushroom'],
    },
    {
      name: 'ground',
      members: ['road', 'sidewalk', 'path', 'floor', 'ground', 'pavement', 'tile', 'terrain', 'sand', 'grass', 'carpet', 'rug', 'field', 'parking', 'rail track', 'dirt track', 'earth', 'water', 'sea', 'river', 'lake', 'snow'],
      replacements: ['river', 'lava flow', 'snowfield', 'cobblestones', 'sand dunes', 'ice rink', 'railway track', 'flower meadow', 'wooden boardwalk'],
    },
    {
      name: 'structure',
      members: ['building', 'house', 'wall', 'fence', 'bridge', 'tower', 'roof', 'window', 'door', 'pole', 'polegroup', 'static', 'guard rail', 'tunnel', 'skyscraper', 'column', 'railing', 'stairs', 'ceiling', 'mountain', 'hill', 'rock', 'stone', 'traffic sign', 'traffic light', 'signboard', 'street light'],
      replacements: ['castle', 'ruins', 'greenhouse', 'brick wall', 'glass skyscraper', 'barn', 'lighthouse', 'waterfall', 'pyramid'],
    },
    {
      name: 'sky',
      members: ['sky', 'cloud', 'clouds'],
      replacements: ['aurora', 'starry night sky', 'stormy sky', 'fireworks', 'sunset sky', 'hot air balloons'],
    },
    {
      name: 'household object',
      members: ['table', 'chair', 'sofa', 'bed', 'shelf', 'cabinet', 'desk', 'cushion', 'pillow', 'box', 'bucket', 'lid', 'cardboard', 'garbage', 'metalcontainer', 'block', 'bottle', 'card', 'book', 'books', 'cellphone', 'headphones', 'lamp', 'monitor', 'television', 'laptop', 'keyboard', 'cup', 'vase', 'clock', 'mirror', 'curtain', 'blinds', 'counter', 'sink', 'toilet', 'bathtub', 'towel', 'paper', 'bin', 'basket'],
      replacements: ['treasure chest', 'aquarium', 'piano', 'birdcage', 'globe', 'teapot', 'flower vase', 'stack of books', 'crystal ball'],
    },
  ],
  fallback: ['statue', 'robot', 'potted plant', 'lamp', 'balloon', 'umbrella', 'stack of boxes', 'sculpture'],
};

/** Lower case, `_` and `-` as spaces, single spaces: the form category members are written in. */
export function normaliseLabel(label: string): string {
  return label.toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * The category of a label: an exact member first, then the first category (in order) that has a
 * member equal to one of the label's words or its last two words.
 */
export function findCategory(vocabulary: Vocabulary, label: string): ReplacementCategory | undefined {
  const norm = normaliseLabel(label);
  const exact = vocabulary.categories.find((c) => c.members.includes(norm));
  if (exact) return exact;
  const words = norm.split(' ');
  const tail = words.slice(-2).join(' ');
  return vocabulary.categories.find((c) => c.members.includes(tail) || words.some((w) => c.members.includes(w)));
}

/** Validate a user-supplied vocabulary (from JSON), naming the first problem. */
export function parseVocabulary(value: unknown, source: string): Vocabulary {
  const fail = (what: string): never => {
    throw new Error(`rules: vocabulary in ${source}: ${what}`);
  };
  const strings = (v: unknown, where: string): string[] => {
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string' && s.trim() !== '')) fail(`${where} must be a list of non-empty strings`);
    return v as string[];
  };
  if (typeof value !== 'object' || value === null) return fail('must be a JSON object');
  const o = value as Record<string, unknown>;
  const attrs = (k: 'small' | 'medium'): AttributeVocabulary => {
    const a = o[k];
    if (typeof a !== 'object' || a === null) return fail(`"${k}" must be an object with "prefix" and "suffix" lists`);
    const r = a as Record<string, unknown>;
    const out = { prefix: strings(r.prefix, `${k}.prefix`), suffix: strings(r.suffix, `${k}.suffix`) };
    if (out.prefix.length + out.suffix.length === 0) fail(`"${k}" needs at least one prefix or suffix`);
    return out;
  };
  const small = attrs('small');
  const medium = attrs('medium');
  if (!Array.isArray(o.categories)) return fail('"categories" must be a list');
  const categories = (o.categories as unknown[]).map((c, i): ReplacementCategory => {
    if (typeof c !== 'object' || c === null) return fail(`categories[${i}] must be an object`);
    const r = c as Record<string, unknown>;
    if (typeof r.name !== 'string') fail(`categories[${i}].name must be a string`);
    const replacements = strings(r.replacements, `categories[${i}].replacements`);
    if (replacements.length === 0) fail(`categories[${i}].replacements is empty`);
    return { name: r.name as string, members: strings(r.members, `categories[${i}].members`).map(normaliseLabel), replacements };
  });
  const fallback = strings(o.fallback, 'fallback');
  if (fallback.length < 2) fail('"fallback" needs at least two entries (one may equal the label)');
  return { small, medium, categories, fallback };
}
