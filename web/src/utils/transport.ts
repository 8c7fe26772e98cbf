/**
 * Whether this page was reached over plain http from another machine: the server allows that only when the
 * administrator said so (Chengxin:AllowHttp), and then the password crosses the network unencrypted.
 * A browser on the server's own machine (localhost) counts as secure.
 */
export function isPlainHttpFromAfar(location: Pick<Location, 'protocol' | 'hostname'>): boolean {
  return location.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]', '::1'].includes(location.hostname)
}
