// Demo data for an empty data folder: the sample business 「暖居智能家电」.
import type { Database } from '../db';
import { categories, faqs, quickReplies, services, skillGroups, users } from './demo-data';
import { notificationSettings, notificationTemplates } from './templates-data';

export const DEMO_APPID = 'wx-demo-appid';

/** Seeds once: only when the database holds no document at all. Returns whether it seeded. */
export function seedDemoData(db: Database, now = new Date()): boolean {
  if (!db.isEmpty()) return false;
  // Distinct creation times keep "the first seeded user of a role" well defined.
  const at = (i: number) => new Date(now.getTime() - (1000 - i) * 1000);
  db.insert('skill_groups', skillGroups.map((g, i) => ({ ...g, createdAt: at(i) })));
  db.insert('faq_categories', categories.map((c, i) => ({ ...c, createdAt: at(i) })));
  db.insert('faq_entries', faqs.map((f, i) => ({ ...f, createdAt: at(i), updatedAt: at(i) })));
  db.insert('appointment_services', services.map((s, i) => ({ ...s, createdAt: at(i) })));
  db.insert(
    'users',
    users.map((u, i) => ({ status: 'offline', vip: false, ...u, createdAt: at(i), updatedAt: at(i) })),
  );
  db.insert('quick_replies', quickReplies.map((q, i) => ({ ...q, createdAt: at(i), updatedAt: at(i) })));
  db.insert('notification_templates', notificationTemplates.map((t, i) => ({ ...t, updatedAt: at(i) })));
  db.insert('settings', [{ ...notificationSettings, updatedAt: now }]);
  const admin = users.find((u) => u.role === 'admin');
  if (admin) db.insert('deployment', [{ _id: 'main', claimedBy: admin._id, claimedAt: now, seeded: true }]);
  return true;
}
