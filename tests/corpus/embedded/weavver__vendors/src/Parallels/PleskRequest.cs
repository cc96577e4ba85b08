using System;
using System.Net;
using System.Text;
using System.IO;
using System.Xml;
using System.Xml.Schema;
using System.Security.Cryptography.X509Certificates;
using System.Net.Security;

namespace Weavver.Vendors.Parallels
{
     public class PleskRequest
     {
          public string CustomerAdd(string companyname, string personname, string username, string password, string phone, string email, string address, string city)
          {
               string customeraddxml = "<packet version=\"1.6.3.0\">" + @"
               <customer>
               <add>
                  <gen_info>
                      <cname>{0}</cname>
                      <pname>{1}</pname>
                      <login>{2}</login>
                      <passwd>{3}</passwd>
                      <status>{4}</status>
                      <phone>{5}</phone>
                      <fax>{6}</fax>
                      <email>{7}</email>
                      <address>{8}</address>
                      <city>Fullerton</city>
                      <state>CA</state>
                      <pcode>{9}</pcode>
                      <country>US</country>
                  </gen_info>
               </add></customer></packet>";

               customeraddxml = string.Format(customeraddxml, companyname, personname, username, password, "0", phone, "", email, address, city);

               XmlDocument doc = SendXml(customeraddxml);
               XmlNodeList list = doc.GetElementsByTagName("errtext");
               if (list.Count > 0)
                    return list[0].InnerText;
               else
                    return null;
          }

          public void SubscriptionAdd(string domainname, string username, string password)
          {
               //XmlDocument doc = SendXml(dataxml);

               //DebugOut(doc.GetElementsByTagName("status")[0].InnerText, true);

               string subscriptionadd = "<packet version=\"1.6.3.0\">" + @"
                    <webspace>
                    <add>
                         <gen_setup>
                              <name>{0}</name>
                              <owner-login>{1}</owner-login>
                              <htype>vrt_hst</htype>
                              <ip_address>205.134.225.26</ip_address>
                              <status>0</status>
                         </gen_setup>
                         <hosting>
                          <vrt_hst>
                              <property>
                                <name>ftp_login</name>
                                <value>{2}</value>
                              </property>
                              <property>
                                <name>ftp_password</name>
                                <value>{3}</value>
                              </property>
                              <ip_address>205.134.225.26</ip_address>
                          </vrt_hst>
                         </hosting>
                         <plan-name>Basic</plan-name>
                    </add>
                    </webspace>
                    </packet>";
               subscriptionadd = string.Format(domainname, username, username, password);
               SendXml(subscriptionadd);

          }
