// One realistic PDU of every type porm encodes: seeds for the tshark interop test, the fuzz
// test and the benchmarks.
import type { MessageType, Pdu } from '../model.ts';

const DATE = new Date('2024-03-01T12:00:00Z');
const ME = '+15551230000/TYPE=PLMN';
const YOU = '+15550001111/TYPE=PLMN';
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const SMIL = '<smil><head><layout><root-layout width="320" height="480"/><region id="Image" left="0" top="0" width="100%" height="80%" fit="meet"/><region id="Text" left="0" top="80%" width="100%" height="20%" fit="scroll"/></layout></head><body><par dur="5000ms"><img src="image1.jpg" region="Image"/><text src="text1.txt" region="Text"/></par></body></smil>';
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);

const slideshow = {
  contentType: { mediaType: 'application/vnd.wap.multipart.related', type: 'application/smil', start: 'smil' },
  parts: [
    { contentType: 'application/smil', contentId: 'smil', contentLocation: 'smil.smil', data: bytes(SMIL) },
    { contentType: 'image/jpeg', contentId: 'image1', contentLocation: 'image1.jpg', name: 'image1.jpg', data: JPEG },
    { contentType: 'text/plain', charset: 'utf-8', contentId: 'text1', contentLocation: 'text1.txt', data: bytes('Hello from porm') },
  ],
};
const tid = { transactionId: 'porm-0001', mmsVersion: '1.2' };

export const SAMPLE_PDUS: Record<MessageType, Pdu> = {
  'm-send-req': { messageType: 'm-send-req', ...tid, date: DATE, from: { kind: 'insert' }, to: [YOU], cc: ['a@example.com'], subject: 'Hello', messageClass: 'personal', expiry: { kind: 'relative', seconds: 604800 }, priority: 'normal', deliveryReport: true, readReport: false, ...slideshow },
  'm-send-conf': { messageType: 'm-send-conf', ...tid, responseStatus: 0x80, responseText: 'Ok', messageId: 'msg-0001' },
  'm-notification-ind': { messageType: 'm-notification-ind', ...tid, from: { kind: 'address', address: ME }, subject: 'Hello', messageClass: 'personal', messageSize: 29000, expiry: { kind: 'relative', seconds: 259200 }, contentLocation: 'http://mmsc.example.net/m/porm-0001' },
  'm-notifyresp-ind': { messageType: 'm-notifyresp-ind', ...tid, status: 'retrieved', reportAllowed: true },
  'm-retrieve-conf': { messageType: 'm-retrieve-conf', ...tid, mmsVersion: '1.3', messageId: 'msg-0001', date: DATE, from: { kind: 'address', address: ME }, to: [YOU], subject: 'Hello', priority: 'normal', deliveryReport: false, readReport: true, retrieveStatus: 0x80, previouslySentBy: [{ count: 1, value: '+46722222222/TYPE=PLMN' }], previouslySentDate: [{ count: 1, value: DATE }], ...slideshow },
  'm-acknowledge-ind': { messageType: 'm-acknowledge-ind', ...tid, reportAllowed: false },
  'm-delivery-ind': { messageType: 'm-delivery-ind', mmsVersion: '1.2', messageId: 'msg-0001', date: DATE, to: [YOU], status: 'retrieved' },
  'm-read-rec-ind': { messageType: 'm-read-rec-ind', mmsVersion: '1.2', messageId: 'msg-0001', date: DATE, from: { kind: 'insert' }, to: [ME], readStatus: 'read' },
  'm-read-orig-ind': { messageType: 'm-read-orig-ind', mmsVersion: '1.2', messageId: 'msg-0001', date: DATE, from: { kind: 'address', address: YOU }, to: [ME], readStatus: 'read' },
  'm-forward-req': { messageType: 'm-forward-req', ...tid, from: { kind: 'insert' }, to: ['+15550002222'], deliveryReport: true, contentLocation: 'http://mmsc.example.net/m/porm-0001' },
  'm-forward-conf': { messageType: 'm-forward-conf', ...tid, responseStatus: 0x80, messageId: 'msg-0002' },
  'm-mbox-store-req': { messageType: 'm-mbox-store-req', ...tid, contentLocation: 'http://mmsc.example.net/m/porm-0001', mmState: 'retrieved' },
  'm-mbox-store-conf': { messageType: 'm-mbox-store-conf', ...tid, contentLocation: 'http://mmsc.example.net/box/1', storeStatus: 0x80 },
  'm-mbox-view-req': { messageType: 'm-mbox-view-req', ...tid, attributes: [0x96, 0x85], start: 0, limit: 10, totals: true },
  'm-mbox-view-conf': { messageType: 'm-mbox-view-conf', ...tid, responseStatus: 0x80, mboxTotals: [{ kind: 'messages', value: 3 }], messageCount: 1, contentType: { mediaType: 'application/vnd.wap.multipart.mixed' }, parts: [{ contentType: 'text/plain', data: bytes('descriptor') }] },
  'm-mbox-upload-req': { messageType: 'm-mbox-upload-req', ...tid, mmState: 'draft', ...slideshow },
  'm-mbox-upload-conf': { messageType: 'm-mbox-upload-conf', ...tid, contentLocation: 'http://mmsc.example.net/box/2', storeStatus: 0x80 },
  'm-mbox-delete-req': { messageType: 'm-mbox-delete-req', ...tid, contentLocation: 'http://mmsc.example.net/box/2' },
  'm-mbox-delete-conf': { messageType: 'm-mbox-delete-conf', ...tid, responseStatus: 0x80 },
  'm-mbox-descr': { messageType: 'm-mbox-descr', mmsVersion: '1.2', contentLocation: 'http://mmsc.example.net/box/1', messageId: 'msg-0001', date: DATE, subject: 'Hello', messageSize: 29000 },
  'm-delete-req': { messageType: 'm-delete-req', ...tid, mmsVersion: '1.3', contentLocation: 'http://mmsc.example.net/m/porm-0001' },
  'm-delete-conf': { messageType: 'm-delete-conf', ...tid, mmsVersion: '1.3', responseStatus: 0x80 },
  'm-cancel-req': { messageType: 'm-cancel-req', ...tid, mmsVersion: '1.3', cancelId: 'msg-0001' },
  'm-cancel-conf': { messageType: 'm-cancel-conf', ...tid, mmsVersion: '1.3', cancelStatus: 'received' },
};
