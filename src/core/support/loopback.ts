// Which URLs and host names are this machine: the locality guess, the Host guard and the transport
// choice all ask the same question, so it lives apart from the config they read it with.
/** A provider on this machine counts as local: its model runs here, the prompt never leaves. */
export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}
