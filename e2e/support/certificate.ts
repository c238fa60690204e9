/**
 * A throwaway certificate for the local Event API collector. Chromium is started with
 * --ignore-certificate-errors, so it only has to be a well-formed certificate; making it at test
 * time keeps key material out of the repository.
 */
import { generate } from 'selfsigned'

export interface Certificate {
  key: string
  cert: string
}

export async function makeCertificate(hostNames: string[]): Promise<Certificate> {
  const pems = await generate([{ name: 'commonName', value: hostNames[0] }], {
    keySize: 2048,
    notAfterDate: new Date(Date.now() + 24 * 60 * 60 * 1000),
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [...hostNames.map((value) => ({ type: 2 as const, value })), { type: 7 as const, ip: '127.0.0.1' }]
      }
    ]
  })
  return { key: pems.private, cert: pems.cert }
}
