import path from 'node:path';
import { buildWebApp } from '@/lib/runtime/web-build';

buildWebApp(path.resolve(import.meta.dirname, '..'));
