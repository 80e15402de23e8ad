// The version in package.json, read at build time by esbuild and tsx alike.
import pkg from '../../package.json';

export const VERSION: string = pkg.version;
