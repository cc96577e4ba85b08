# Plesk client with heredocs.
class Client
  def webspace(name)
    request(<<~XML)
      <packet version="#{@version}">
        <webspace>
          <get>
            <filter><name>#{name}</name></filter>
            <dataset><gen_info/><limitz/></dataset>
          </get>
        </webspace>
      </packet>
    XML
  end

  def customer(id)
    request("<packet version=\"1.6.3.0\"><customer><get><filter><id>#{id}</id></filter>" \
            "<dataset><gen_info/></dataset></get></customer></packet>")
  end

  def dashed
    <<-EOS
      <packet version="1.6.3.0"><server><get><stat/><gen_info/></get></server></packet>
    EOS
  end
end
