<?php
// Quoted pieces glued with `.`: every expression between them is a hole.
$xml = '<packet version="1.6.3.0">'
     . '<customer><add><gen_info>'
     . '<pname>' . htmlspecialchars($name) . '</pname>'
     . '<login>' . $login . '</login>'
     . '<passwd>' . $password . '</passwd>'
     . '<status>active</status>'
     . '</gen_info></add></customer></packet>';
$twice = "<packet version=\"1.6.3.0\"><server><get><gen_info/><stat/></get><set><prefs/></set></server></packet>";
$escaped = 'it\'s not a packet';
