# A fiscal printer protocol and a prompt wrapper: their <packet> is not Plesk's.
def receipt(total):
    return f"<packet><cmd>print</cmd><sum>{total}</sum></packet>"


def prompt(facts):
    return f"<packet>\n{facts}\n</packet>"
