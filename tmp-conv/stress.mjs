import '/work/main/bin/register.mjs'; await import('./stress.ts');
