import '/work/main/bin/register.mjs'; await import('./arms.ts');
