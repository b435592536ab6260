import { ROLE_LABELS, type Role } from '../../../core/roles';
import { Tag } from '../nutui';

// Soft colours per role; the brand green marks admins.
const COLORS: Record<Role, { background: string; color: string }> = {
  admin: { background: '#e7f8ee', color: '#07c160' },
  supervisor: { background: '#e8f3ff', color: '#1664ff' },
  qa: { background: '#fff3e8', color: '#d25f00' },
  agent: { background: '#f2f3f5', color: '#4e5969' },
  customer: { background: '#f2f3f5', color: '#86909c' },
};

export function RoleTag({ role }: { role: Role }) {
  return (
    <Tag className="kefu-role-tag" background={COLORS[role].background} color={COLORS[role].color}>
      {ROLE_LABELS[role]}
    </Tag>
  );
}
