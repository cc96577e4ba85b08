# %q(), %Q{}, %() and %w[] with nesting delimiters.
WORDS = %w[<a> <b>]
GET = %q(<packet version="1.6.3.0"><server><get><gen_info/><stat/></get></server></packet>)
def site(id)
  %Q{<packet version="1.6.3.0"><site><get><filter><id>#{id}</id></filter><dataset><gen_inf/></dataset></get></site></packet>}
end
PLAIN = %(<packet version="1.6.3.0"><webspace><get><filter/><dataset><hosting/></dataset><x/></get></webspace></packet>)
