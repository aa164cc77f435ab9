// Property tests explore a new random seed on every local run; CI uses one fixed seed so that a run
// is reproducible and a landing cannot fail by the draw. fast-check prints the seed of any failure.
import fc from 'fast-check';

if (process.env.CI) fc.configureGlobal({ seed: 20261123 });
