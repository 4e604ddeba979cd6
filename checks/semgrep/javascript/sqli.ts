import { Request, Response } from 'express';
import { Pool } from 'pg';

const pool = new Pool();

export async function detail(req: Request, res: Response): Promise<void> {
  const id = req.params.id;
  // ruleid: repospbe.javascript.sqli.string-built-query
  const hasil = await pool.query('SELECT * FROM aset WHERE id = ' + id);
  // ok: repospbe.javascript.sqli.string-built-query
  const aman = await pool.query('SELECT * FROM aset WHERE id = $1', [id]);
  res.json({ hasil: hasil.rows, aman: aman.rows });
}
