// Sends a held WhatsApp message on when information governance releases it: the stored send body,
// exactly as the councillor's tooling posted it, to the Graph API.

export interface HeldWhatsApp {
  reference: string;
  /** The send body as posted (JSON bytes). */
  raw: Buffer;
  /** The councillor's business number or phone number id, as the send door recorded it. */
  sender: string;
}

export interface WhatsAppSender {
  /** Resolves once Graph accepted the message; rejects otherwise. */
  sendHeld(message: HeldWhatsApp): Promise<void>;
}
