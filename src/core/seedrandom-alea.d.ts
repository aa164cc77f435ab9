// seedrandom ships its generators as separate CommonJS files; only Alea is used (portable and fast).
declare module 'seedrandom/lib/alea.js' {
  interface AleaPrng {
    (): number;
    int32(): number;
    double(): number;
  }
  const alea: (seed?: string) => AleaPrng;
  export default alea;
}
