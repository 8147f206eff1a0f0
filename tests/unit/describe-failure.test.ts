// A connection failure in a report is words a reader understands, with its code; never OpenSSL's
// raw message with its error numbers, source paths and line breaks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeFailure } from '../../src/checks/describe-failure.ts';

test('OpenSSL errors are translated, the code kept, the source path and line break gone', () => {
  const excessive = describeFailure({
    kind: 'tls',
    phase: 'tls',
    code: 'ERR_SSL_EXCESSIVE_MESSAGE_SIZE',
    message:
      '802C2B6BA27F0000:error:0A000098:SSL routines:read_state_machine:excessive message size:../deps/openssl/openssl/ssl/statem/statem.c:609:\n',
  });
  assert.equal(
    excessive,
    "TLS handshake failed: the server's certificate message is larger than TLS clients accept (OpenSSL, and Chromium's BoringSSL, stop at 100 KB) (ERR_SSL_EXCESSIVE_MESSAGE_SIZE)",
  );
  // A code without words of its own: OpenSSL's reason, nothing else.
  const other = describeFailure({
    kind: 'tls',
    phase: 'tls',
    code: 'ERR_SSL_SOMETHING_RARE',
    message:
      '80ABC:error:0A000410:SSL routines:ssl3_read_bytes:sslv3 alert weird thing:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number 99\n',
  });
  assert.equal(other, 'TLS handshake failed: sslv3 alert weird thing (alert 99) (ERR_SSL_SOMETHING_RARE)');
  for (const text of [excessive, other]) assert.doesNotMatch(text, /\n|\.c:\d+|error:0A/);
});

test("the harness's own messages stay as they are, with their code", () => {
  assert.equal(
    describeFailure({
      kind: 'timeout',
      phase: 'connect',
      code: 'ETIMEDOUT',
      message: 'TCP connection did not complete within 2000 ms (tried twice)',
    }),
    'timed out: TCP connection did not complete within 2000 ms (tried twice) (ETIMEDOUT)',
  );
  assert.equal(
    describeFailure({ kind: 'dns', phase: 'connect', code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND x.test' }),
    'DNS lookup failed: the host name does not resolve (ENOTFOUND)',
  );
});
