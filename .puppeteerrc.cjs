// The browser tests drive the system's Chromium (/usr/bin/chromium): never download one.
module.exports = { skipDownload: true };
