// https-port-443: every listed host accepts a connection on 443 and completes a TLS
// handshake. The certificate is not judged here (rejectUnauthorized is off on purpose):
// a port problem and a certificate problem must never read the same.
import { describeFailure } from '../collectors/describe.ts';
import { Outcome, type Check } from './types.ts';

export const httpsPort443: Check<'transport'> = {
  id: 'https-port-443',
  title: 'HTTPS answers on port 443 for every host',
  remediation:
    'Serve HTTPS on port 443 for every listed host: publish DNS for it, open the port in the firewall or load balancer, and configure a TLS listener with a certificate for the name.',
  needs: ['transport'],
  run(site, { transport }) {
    const out = new Outcome();
    const mainHost = new URL(site.url).hostname;
    for (const { host, https } of transport.hosts) {
      const first = https.hops[0];
      if (!first) continue;
      out.judged(host);
      const via = first.connectedTo === `${host}:443` ? '' : ` (connected to ${first.connectedTo})`;
      if (first.error && first.error.phase !== 'http') {
        out.add('high', host, `${host}:443 ${describeFailure(first.error)}${via}`);
      } else if (first.error) {
        out.add('medium', host, `${host}:443 completed the TLS handshake (${first.tls?.protocol}) but gave no HTTP answer: ${describeFailure(first.error)}`);
      } else if (host === mainHost && first.status !== undefined && first.status >= 500) {
        out.add(
          'low',
          first.url,
          `the site URL answered HTTP ${first.status} (server error) over ${first.tls?.protocol ?? 'TLS'}`,
          'The HTTPS listener works, but the application behind it fails: check the server logs.',
        );
      }
    }
    return out.done();
  },
};
