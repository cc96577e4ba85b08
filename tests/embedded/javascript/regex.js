// A regular expression holding quotes starts no string: the packet after it is read.
const unquote = (s) => s.replace(/'([^']*)'/g, "$1");
const escaped = text.replace(/"/g, '&quot;'), ratio = total / 2 / count;
const request = '<packet version="1.6.3.0"><server><get><gen_info/><stats/></get></server></packet>';
