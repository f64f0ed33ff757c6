--- The Twitter archive reader under its first name: `tweeter.sources.archive`.
-- @module tweeter.archive
return require('tweeter.sources.archive')
