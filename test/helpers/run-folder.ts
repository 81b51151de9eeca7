/** A province folder for `run` tests: the demo fixtures copied into a temp dir, with an audit.json. */
import fs from 'node:fs';
import path from 'node:path';
import { fixture, tempDir } from './cli.js';

/** The demo's paper registers and their units, as the config names them. */
export const DEMO_PAPER = [
  { path: 'paper/so-tu-phap/*.xlsx', unit: 'Sở Tư pháp' },
  { path: 'paper/go-dau/*.csv', unit: 'UBND huyện Gò Dầu' },
  { path: 'paper/trang-bang/*.xlsx', unit: 'UBND thị xã Trảng Bàng' },
  { path: 'paper/phuoc-thanh/*.csv', unit: 'UBND xã Phước Thạnh' },
  { path: 'paper/so-tttt/*.csv', unit: 'Sở Thông tin và Truyền thông' },
];

/** A province folder. */
export interface Province {
  dir: string;
  config: string;
  db: string;
  reports: string;
  /** Rewrites audit.json with `patch` merged over the base config. */
  writeConfig(patch?: Record<string, unknown>): void;
  /** Absolute path inside the folder. */
  at(...parts: string[]): string;
}

/** Copies units.csv, system/ and paper/ of fixtures/demo into a fresh folder and writes audit.json. */
export function makeProvince(patch: Record<string, unknown> = {}, options: { withDemoFiles?: boolean } = {}): Province {
  const dir = tempDir('motcua-run-');
  fs.copyFileSync(fixture('demo', 'units.csv'), path.join(dir, 'units.csv'));
  if (options.withDemoFiles !== false) {
    fs.cpSync(fixture('demo', 'system'), path.join(dir, 'system'), { recursive: true });
    fs.cpSync(fixture('demo', 'paper'), path.join(dir, 'paper'), { recursive: true });
  } else {
    fs.mkdirSync(path.join(dir, 'system'));
  }
  const base = {
    database: 'data/audit.sqlite',
    units: 'units.csv',
    system: ['system/*.xlsx', 'system/*.csv'],
    paper: options.withDemoFiles === false ? [] : DEMO_PAPER,
    reports: { dir: 'reports', formats: ['json', 'xlsx'] },
  };
  const p: Province = {
    dir,
    config: path.join(dir, 'audit.json'),
    db: path.join(dir, 'data', 'audit.sqlite'),
    reports: path.join(dir, 'reports'),
    writeConfig(more = {}) {
      fs.writeFileSync(p.config, `${JSON.stringify({ ...base, ...patch, ...more }, null, 2)}\n`);
    },
    at: (...parts) => path.join(dir, ...parts),
  };
  p.writeConfig();
  return p;
}

/** The run folders under reports/, oldest first. */
export function runFolders(p: Province): string[] {
  if (!fs.existsSync(p.reports)) return [];
  return fs
    .readdirSync(p.reports)
    .filter((n) => /^\d{4}-\d{2}-\d{2}_\d{6}-\d+/.test(n))
    .sort((a, b) => Number(a.split('-').pop()) - Number(b.split('-').pop()));
}

/** reports/latest.json, parsed. */
export function latest(p: Province): {
  totals: Record<string, number>;
  findings: Array<Record<string, any>>;
  filters: Record<string, unknown>;
} {
  return JSON.parse(fs.readFileSync(path.join(p.reports, 'latest.json'), 'utf8'));
}

/** A system export CSV as the one-stop system writes it (title block with the export date). */
export function systemExportCsv(
  exportDate: string,
  rows: Array<{
    code: string;
    procedure: string;
    applicant: string;
    unit: string;
    received: string;
    returned: string | null;
    status: string;
  }>,
): string {
  const lines = [
    'DANH SÁCH HỒ SƠ',
    `Ngày xuất: ${exportDate}`,
    '',
    'STT,Mã hồ sơ,Thủ tục,Chủ hồ sơ,Đơn vị tiếp nhận,Ngày tiếp nhận,Hạn xử lý,Ngày có kết quả,Ngày trả kết ' +
      'quả,Trạng thái',
  ];
  const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  rows.forEach((r, i) => {
    lines.push(
      [
        i + 1,
        r.code,
        q(r.procedure),
        q(r.applicant),
        q(r.unit),
        r.received,
        '',
        r.returned ?? '',
        r.returned ?? '',
        r.status,
      ].join(','),
    );
  });
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
