/** Who a vendor is, written once in its nodes/<Vendor>/vendor.ts. */
export interface VendorIdentity {
	/** The machine name items carry as `source` (and transcripts as `vendor`). */
	id: string;
	/** The name every message starts with. */
	displayName: string;
	/** Its n8n credential type. */
	credential: string;
	/** The package it ships in: packages/<packageName>/package.json. */
	packageName: string;
	/** The README.md heading its package README is cut from (gulpfile.js). */
	readmeSection: string;
}
