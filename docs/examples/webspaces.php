<?php
// A client class as found in many projects: packets in an indented heredoc and in a
// concatenation. `$id`, `$name` and `$plan` are holes: their values are not judged.
final class Webspaces
{
    public function info(int $id): string
    {
        return <<<XML
            <packet version="1.6.3.0">
              <webspace>
                <get>
                  <filter><id>$id</id><dataset/></filter>
                  <dataset><gen_info/></dataset>
                </get>
              </webspace>
            </packet>
            XML;
    }

    public function rename(string $name, int $plan): string
    {
        return '<packet><webspace><set><filter><name>' . $name . '</name></filter>'
            . '<values><gen_setup><name>' . $name . ' </name></gen_setup>'
            . '<plan-id>' . $plan . '</plan-id></values></set></webspace></packet>';
    }
}
