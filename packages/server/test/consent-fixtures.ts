// Shared set-up of the assessment tests (consent, conditions, eligibility, meeting records). The
// factories and the request helper are the suite-wide ones (factories.ts, api.ts), re-exported
// here so these tests keep their imports.

export { marker, newCase, newOrganisation, staff, type Signed } from './factories.ts';
export { superQuery } from './support.ts';

/** The suite's request helper (api.ts), under the name these tests use. */
export { api as client } from './api.ts';

/** A minimal PDF, enough to pass the signature check. */
export const PDF_BASE64 = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1').toString('base64');
