// Minimal typing of the ml-cart peer used by compare.ts.
declare module 'ml-cart' {
  export class DecisionTreeClassifier {
    constructor(options?: { gainFunction?: string; maxDepth?: number; minNumSamples?: number });
    train(features: number[][], labels: number[]): void;
    predict(features: number[][]): number[];
  }
}
