declare module "snowball-stemmers" {
  /** A Snowball stemmer for one language. */
  export interface Stemmer {
    stem(word: string): string;
  }
  /** The CommonJS module object: creates the stemmer for an algorithm name such as "german" or "english". */
  const snowball: { newStemmer(algorithm: string): Stemmer; algorithms(): string[] };
  export default snowball;
}
