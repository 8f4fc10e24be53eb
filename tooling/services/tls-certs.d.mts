export interface TestCertificates {
  files: { ca: string; cert: string; key: string; clientCert: string; clientKey: string };
  ca: string;
  cert: string;
  key: string;
}

export declare function makeCertificates(dir: string): TestCertificates;
