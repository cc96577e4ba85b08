<?php
// Indented heredoc (PHP 7.3): the closing marker's indentation is stripped.
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
}
