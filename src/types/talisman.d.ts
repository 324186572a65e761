// talisman ships no type declarations; only the modules this project imports are declared here.

declare module 'talisman/phonetics/daitch-mokotoff.js' {
  /** Daitch–Mokotoff Soundex: the (one or more) six-digit codes of a name. */
  export default function daitchMokotoff(name: string): string[];
}
