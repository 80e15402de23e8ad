// The version in package.json, read at build time by esbuild and tsx alike. A named import, so
// esbuild bundles only this field, not the whole manifest (8 KiB of contributes in each bundle).
import { version } from '../../../package.json';

export const VERSION: string = version;
