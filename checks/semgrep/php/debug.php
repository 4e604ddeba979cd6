<?php
// ruleid: repospbe.php.debug.display-errors-on
ini_set('display_errors', '1');
// ruleid: repospbe.php.debug.display-errors-on
ini_set('display_errors', 1);
// ok: repospbe.php.debug.display-errors-on
ini_set('display_errors', '0');
// ok: repospbe.php.debug.display-errors-on
ini_set('log_errors', '1');

// CodeIgniter 3 index.php (stock line)
// ruleid: repospbe.php.debug.codeigniter-development
define('ENVIRONMENT', isset($_SERVER['CI_ENV']) ? $_SERVER['CI_ENV'] : 'development');
// ruleid: repospbe.php.debug.codeigniter-development
define('ENVIRONMENT', 'development');
// ok: repospbe.php.debug.codeigniter-development
define('ENVIRONMENT', isset($_SERVER['CI_ENV']) ? $_SERVER['CI_ENV'] : 'production');

// Laravel config/app.php
return [
    'name' => env('APP_NAME', 'SIMPEG'),
    // ruleid: repospbe.php.debug.laravel-config-debug-true
    'debug' => true,
];
return [
    // ok: repospbe.php.debug.laravel-config-debug-true
    'debug' => (bool) env('APP_DEBUG', false),
];
