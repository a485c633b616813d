/** A broker's address as the bridge is given it (host:port, comma-separated for a bootstrap list). */
export interface Address {
  host: string;
  port: number;
}

export function parseBootstrap(list: string): Address[] {
  return list.split(',').map((hp) => {
    const i = hp.lastIndexOf(':');
    const port = Number(hp.slice(i + 1));
    if (i <= 0 || !Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`bad address "${hp}"`);
    return { host: hp.slice(0, i), port };
  });
}
