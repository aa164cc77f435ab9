// Fits k-means off the main thread; the model is plain data, so postMessage carries it as is.
import { fitKMeans } from './crm-mining.js';

self.onmessage = (event) => {
  const { points, k, seed } = event.data;
  self.postMessage(fitKMeans(points, { k, seed }));
};
