// The archive writes Diamond's plaintext lines; the format itself lives in the SDK.
export { plaintextLine as graphiteLine, plaintextLines as graphiteLines } from '@spinel/sdk';
