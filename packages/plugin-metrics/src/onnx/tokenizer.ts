import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface TextTokenizer {
  readonly path: string;
  /** Token ids with the tokenizer's special tokens (CLIP: <|startoftext|> … <|endoftext|>; BERT: [CLS] … [SEP]). */
  encode(text: string): number[];
  /** Id of a token, for padding. */
  tokenId(token: string): number | undefined;
}

/**
 * Load a Hugging Face `tokenizer.json` (the "fast" tokenizer file every HF model export ships) with
 * @huggingface/tokenizers: byte-level BPE with `</w>` for CLIP, WordPiece for MiniLM. `tokenizer_config.json` next
 * to it is read when present (it carries e.g. `model_max_length`).
 */
export async function loadTokenizer(path: string, plugin: string, option: string): Promise<TextTokenizer> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new Error(`${plugin}: option "${option}" must point to a Hugging Face tokenizer.json; reading ${path} failed: ${(err as Error).message}`);
  }
  let config: unknown = {};
  try {
    config = JSON.parse(await readFile(join(dirname(path), 'tokenizer_config.json'), 'utf8'));
  } catch {
    // Optional file.
  }
  const { Tokenizer } = await import('@huggingface/tokenizers');
  const tokenizer = new Tokenizer(json as object, config as object);
  return {
    path,
    encode: (text) => tokenizer.encode(text).ids,
    tokenId: (token) => tokenizer.token_to_id(token),
  };
}
