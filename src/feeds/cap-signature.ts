import { createPrivateKey, createPublicKey, sign, verify, type KeyLike } from 'node:crypto';
import { DOMParser, type Element as XmlElement, type Node as XmlNode } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';

/**
 * The mediator's signature on each CAP alert: an enveloped XML Signature (XML-DSig) with
 * Ed25519 (RFC 9231), exclusive canonicalisation and SHA-256, appended as the alert's last
 * element (CAP 1.2 allows elements of other namespaces there, so the alert stays schema-valid).
 * A reader checks it against the mediator's public key, served at /feeds/signing-key.
 */

export const ED25519_SIGNATURE_URI = 'http://www.w3.org/2021/04/xmldsig-more#eddsa-ed25519';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

/** xml-crypto ships RSA and HMAC only; Ed25519 is registered under its RFC 9231 URI. */
class Ed25519 {
  getSignature(signedInfo: string | Buffer, privateKey: KeyLike): string {
    return sign(null, Buffer.from(signedInfo), privateKey).toString('base64');
  }
  verifySignature(material: string, key: KeyLike, signatureValue: string): boolean {
    return verify(null, Buffer.from(material), key, Buffer.from(signatureValue, 'base64'));
  }
  getAlgorithmName(): string {
    return ED25519_SIGNATURE_URI;
  }
}

function withEd25519(sig: SignedXml): SignedXml {
  // The registry is typed to the built-in URIs; a custom URI is what it exists for.
  (sig.SignatureAlgorithms as Record<string, new () => Ed25519>)[ED25519_SIGNATURE_URI] = Ed25519;
  return sig;
}

function publicKeyPem(publicKeyBase64: string): string {
  return createPublicKey({ key: Buffer.from(publicKeyBase64, 'base64'), format: 'der', type: 'spki' }).export({ format: 'pem', type: 'spki' }).toString();
}

/** The alert with its signature appended; `privateKeyDer` is the mediator's PKCS#8 Ed25519 key. */
export function signCapAlert(xml: string, privateKeyDer: Buffer): string {
  const privateKey = createPrivateKey({ key: privateKeyDer, format: 'der', type: 'pkcs8' }).export({ format: 'pem', type: 'pkcs8' }).toString();
  const sig = withEd25519(new SignedXml({ privateKey, signatureAlgorithm: ED25519_SIGNATURE_URI as 'http://www.w3.org/2000/09/xmldsig#hmac-sha1', canonicalizationAlgorithm: EXC_C14N }));
  sig.addReference({ xpath: '/*', uri: '', isEmptyUri: true, transforms: [ENVELOPED, EXC_C14N], digestAlgorithm: SHA256 });
  sig.computeSignature(xml, { prefix: 'ds', location: { reference: '/*', action: 'append' } });
  return sig.getSignedXml();
}

/**
 * True only when the alert carries exactly one signature, made with Ed25519 by `publicKeyBase64`
 * (SPKI DER, base64) over the whole document, and nothing was changed since.
 */
export function verifyCapSignature(xml: string, publicKeyBase64: string): boolean {
  try {
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    const root = doc.documentElement;
    if (!root) return false;
    const signatures = Array.from(root.childNodes).filter(
      (n: XmlNode): n is XmlElement => n.nodeType === 1 && (n as XmlElement).localName === 'Signature' && (n as XmlElement).namespaceURI === DSIG_NS,
    );
    if (signatures.length !== 1 || doc.getElementsByTagNameNS(DSIG_NS, 'Signature').length !== 1) return false;
    const method = signatures[0]!.getElementsByTagNameNS(DSIG_NS, 'SignatureMethod')[0]?.getAttribute('Algorithm');
    if (method !== ED25519_SIGNATURE_URI) return false;
    const sig = withEd25519(new SignedXml({ publicCert: publicKeyPem(publicKeyBase64) }));
    // Only the key given counts: an embedded KeyInfo is never trusted.
    sig.getCertFromKeyInfo = () => null;
    sig.loadSignature(signatures[0]!.toString());
    if (!sig.checkSignature(xml)) return false;
    const references = sig.getReferences();
    return references.length === 1 && (references[0]!.uri ?? '') === '';
  } catch {
    return false;
  }
}
