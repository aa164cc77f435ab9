// Loader for the ADBench CSVs in ../shared/data (columns x0..x{d-1}, label; 1 = anomaly).
import { readDataText } from '../helpers/shared.js';

export const ADBENCH_SETS = ['breastw', 'cardio', 'thyroid', 'mammography', 'shuttle'] as const;

export function loadAdbench(name: string): { points: number[][]; labels: number[] } {
  const lines = readDataText(`adbench_${name}.csv.gz`).split('\n').filter((l) => l !== '');
  const header = lines[0]!.split(',');
  if (header[header.length - 1] !== 'label') throw new Error(`adbench_${name}: last column must be label`);
  const points: number[][] = [];
  const labels: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const f = lines[i]!.split(',').map(Number);
    labels.push(f.pop()!);
    points.push(f);
  }
  return { points, labels };
}
