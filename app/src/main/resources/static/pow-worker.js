// The waiting room's door, solved off the page's thread so that the page never freezes: finds a
// counter such that SHA-256 of the UTF-8 of challenge + ":" + counter begins with `bits` zero bits.
//
// The page posts {challenge, bits}; this answers {type: 'progress', tried, elapsedMs} about ten
// times a second, then {type: 'solved', counter, tried, elapsedMs, engine} once. Counters are
// decimal strings tried from 0 up; about 2^bits of them are tried on average, whatever the device.
// {engine: 'js'} in the message forces the fallback below (bench/run pow measures both).
'use strict';

// SubtleCrypto answers every digest with a promise: awaiting one at a time would spend more on the
// round trips than on hashing, so a batch of digests is in flight at once.
const BATCH = 256;
const PROGRESS_EVERY_MS = 100;
// A counter below 2^53 has at most 16 digits.
const MAX_DIGITS = 16;

self.onmessage = async (message) => {
  const { challenge, bits, engine } = message.data;
  const prefix = new TextEncoder().encode(challenge + ':');
  const started = performance.now();
  let reported = started;
  const progress = (tried) => {
    const now = performance.now();
    if (now - reported >= PROGRESS_EVERY_MS) {
      reported = now;
      self.postMessage({ type: 'progress', tried, elapsedMs: now - started });
    }
  };
  // crypto.subtle exists only in a secure context (https, or http on localhost): a page served over
  // plain http from any other host has none, and hashes with the small pure-JS SHA-256 below instead,
  // a few times slower.
  const subtle = engine !== 'js' && self.crypto && self.crypto.subtle;
  const counter = subtle ? await solveWithSubtleCrypto(subtle, prefix, bits, progress) : solveInJs(prefix, bits, progress);
  self.postMessage({ type: 'solved', counter: String(counter), tried: counter + 1, elapsedMs: performance.now() - started,
    engine: subtle ? 'subtle' : 'js' });
};

/** The bytes of prefix + the counter's decimal digits, written into {@code buffer} after the prefix. */
function input(buffer, prefixLength, counter) {
  const digits = String(counter);
  for (let i = 0; i < digits.length; i++) buffer[prefixLength + i] = digits.charCodeAt(i);
  return buffer.subarray(0, prefixLength + digits.length);
}

function startsWithZeroBits(digest, bits) {
  let i = 0;
  for (; bits >= 8; bits -= 8, i++) {
    if (digest[i] !== 0) return false;
  }
  return bits === 0 || digest[i] >> (8 - bits) === 0;
}

async function solveWithSubtleCrypto(subtle, prefix, bits, progress) {
  const buffer = new Uint8Array(prefix.length + MAX_DIGITS);
  buffer.set(prefix);
  for (let first = 0; ; first += BATCH) {
    const digests = [];
    // digest() copies its input when called, so one buffer serves the whole batch.
    for (let counter = first; counter < first + BATCH; counter++) {
      digests.push(subtle.digest('SHA-256', input(buffer, prefix.length, counter)));
    }
    const answers = await Promise.all(digests);
    for (let i = 0; i < BATCH; i++) {
      if (startsWithZeroBits(new Uint8Array(answers[i]), bits)) return first + i;
    }
    progress(first + BATCH);
  }
}

function solveInJs(prefix, bits, progress) {
  const buffer = new Uint8Array(prefix.length + MAX_DIGITS);
  buffer.set(prefix);
  for (let counter = 0; ; counter++) {
    if (startsWithZeroBits(sha256(input(buffer, prefix.length, counter)), bits)) return counter;
    if (counter % BATCH === BATCH - 1) progress(counter + 1);
  }
}

// SHA-256 (FIPS 180-4) for the fallback: messages shorter than 512 MiB, which challenges are.
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2]);
const W = new Uint32Array(64);

function sha256(bytes) {
  const blocks = (bytes.length + 9 + 63) >> 6;
  const padded = new Uint8Array(blocks * 64);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const bitLength = bytes.length * 8;
  for (let i = 0; i < 4; i++) padded[padded.length - 1 - i] = bitLength >>> (8 * i);
  let h0 = 0x6a09e667, h1 = 0xbb67ae85, h2 = 0x3c6ef372, h3 = 0xa54ff53a;
  let h4 = 0x510e527f, h5 = 0x9b05688c, h6 = 0x1f83d9ab, h7 = 0x5be0cd19;
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let t = 0; t < 16; t++) {
      const o = offset + 4 * t;
      W[t] = (padded[o] << 24) | (padded[o + 1] << 16) | (padded[o + 2] << 8) | padded[o + 3];
    }
    for (let t = 16; t < 64; t++) {
      const a = W[t - 15], b = W[t - 2];
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      W[t] = W[t - 16] + s0 + W[t - 7] + s1;
    }
    let a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[t] + W[t]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0; h1 = (h1 + b) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0; h5 = (h5 + f) | 0; h6 = (h6 + g) | 0; h7 = (h7 + h) | 0;
  }
  const digest = new Uint8Array(32);
  [h0, h1, h2, h3, h4, h5, h6, h7].forEach((word, i) => {
    digest[4 * i] = word >>> 24;
    digest[4 * i + 1] = word >>> 16;
    digest[4 * i + 2] = word >>> 8;
    digest[4 * i + 3] = word;
  });
  return digest;
}
