import { mkdirSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedModelsRoot } from '../../../electron/core/models/seedModels';
import { tempDir } from '../../helpers/engine';

const MODEL = join('nimbus', 'aws-notes-static');

function shipped(root: string, meta: string, weights: string): void {
  mkdirSync(join(root, MODEL, 'onnx'), { recursive: true });
  writeFileSync(join(root, 'manifest.json'), '{"version":1,"models":[]}');
  writeFileSync(join(root, MODEL, 'nimbus-model.json'), meta);
  writeFileSync(join(root, MODEL, 'onnx', 'model_quantized.onnx'), weights);
}

describe('seedModelsRoot', () => {
  const dirs: { cleanup: () => void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));
  const dir = (p: string): string => {
    const d = tempDir(p);
    dirs.push(d);
    return d.path;
  };

  it('copies the manifest and the built model into an empty writable root, then leaves them alone', async () => {
    const from = dir('ship');
    const to = join(dir('user'), 'models');
    shipped(from, '{"documentsHash":"a"}', 'W1');
    expect(await seedModelsRoot(from, to)).toEqual({ manifest: 'copied', domainModel: 'copied' });
    expect(readFileSync(join(to, MODEL, 'onnx', 'model_quantized.onnx'), 'utf8')).toBe('W1');
    expect(await seedModelsRoot(from, to)).toEqual({ manifest: 'current', domainModel: 'current' });
  });

  it('replaces a model built for other notes (an app update) and keeps installed models', async () => {
    const from = dir('ship');
    const to = dir('user');
    shipped(from, '{"documentsHash":"a"}', 'W1');
    await seedModelsRoot(from, to);
    mkdirSync(join(to, 'Xenova', 'all-MiniLM-L6-v2'), { recursive: true });
    writeFileSync(join(to, 'Xenova', 'all-MiniLM-L6-v2', 'config.json'), '{}');
    shipped(from, '{"documentsHash":"b"}', 'W2');
    expect((await seedModelsRoot(from, to)).domainModel).toBe('copied');
    expect(readFileSync(join(to, MODEL, 'onnx', 'model_quantized.onnx'), 'utf8')).toBe('W2');
    expect(existsSync(join(to, 'Xenova', 'all-MiniLM-L6-v2', 'config.json'))).toBe(true);
    // No staging folders left behind.
    expect(readdirSync(join(to, 'nimbus'))).toEqual(['aws-notes-static']);
  });

  it('reports what the shipped folder lacks instead of failing', async () => {
    expect(await seedModelsRoot(dir('empty'), dir('user'))).toEqual({ manifest: 'absent', domainModel: 'absent' });
  });
});
